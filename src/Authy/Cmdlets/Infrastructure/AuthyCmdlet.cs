using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Authy.Api;
using Authy.Http;
using Authy.Session;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// What every cmdlet that calls Authy shares: finding the session, running calls with cancellation
    /// (StopProcessing cancels everything in flight), writing each record's outcome on the pipeline thread
    /// in input order, mapping failures to ErrorRecords, and <c>-Verbose</c> lines for each request.
    /// Derived cmdlets validate and call ShouldProcess in ProcessRecord, then <see cref="Enqueue{T}"/> the call.
    /// </summary>
    public abstract class AuthyCmdlet : PSCmdlet, IDisposable
    {
        private static readonly TimeSpan MessagePumpInterval = TimeSpan.FromMilliseconds(200);

        // A bar appears only for work that lasts, and is refreshed at most twice a second.
        private static readonly TimeSpan ProgressDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);
        private const int ProgressActivityId = 0x417;

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private AuthySession? _session;
        private WorkQueue? _queue;
        private bool _verbose;
        private readonly System.Diagnostics.Stopwatch _elapsed = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _lastProgress = TimeSpan.Zero;
        private bool _progressShown;
        private int _completed;
        private int _failed;

        /// <summary>The session this invocation uses (Connect-Authy, else the environment).</summary>
        protected AuthySession Session => _session ?? throw new InvalidOperationException("BeginProcessing has not run.");

        protected AuthyApi Api => Session.Api;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        /// <summary>How many requests this invocation may have in flight at once.</summary>
        protected virtual int ConcurrencyLimit => 1;

        /// <summary>Whether outcomes are written in input order (else as they finish).</summary>
        protected virtual bool PreserveInputOrder => true;

        protected override void BeginProcessing()
        {
            _session = ResolveSession();
            _verbose = IsVerbose();
            _queue = new WorkQueue(ConcurrencyLimit, PreserveInputOrder, _stopping.Token);
        }

        protected override void EndProcessing()
        {
            WriteFinished(drain: true);
            if (_progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose()
        {
            // Anything still in flight (a terminating error, a stopped pipeline) is abandoned, not awaited.
            _stopping.Cancel();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Starts the API call for the current record. The call runs on a worker: it must use only values
        /// captured in locals, never the cmdlet's parameter properties, which the next record rebinds.
        /// Its result (if not null; a list is written element by element) or its failure is written when its turn comes.
        /// </summary>
        protected void Enqueue<T>(object? target, Func<IRequestLog, CancellationToken, Task<T>> call)
        {
            var queue = _queue ?? throw new InvalidOperationException("BeginProcessing has not run.");
            queue.Start(target, _verbose, async (log, cancellationToken) => (object?)await call(log, cancellationToken).ConfigureAwait(false));
            WriteFinished(drain: false);
        }

        /// <summary>
        /// ShouldProcess that <c>-Force</c> answers without a prompt, while <c>-WhatIf</c> and an explicit
        /// <c>-Confirm</c> still apply.
        /// </summary>
        protected bool ShouldProcess(string target, string action, bool force)
        {
            if (!force || MyInvocation.BoundParameters.ContainsKey("Confirm") || IsWhatIf())
            {
                return ShouldProcess(target, action);
            }

            return true;
        }

        /// <summary>Writes a validation failure found before any request, against the record it concerns.</summary>
        protected void WriteInvalid(string errorId, string message, object? target) =>
            WriteError(AuthyErrorRecords.Invalid(errorId, message, target));

        private void WriteFinished(bool drain)
        {
            var queue = _queue;
            if (queue == null)
            {
                return;
            }

            while (true)
            {
                var finished = queue.TakeFinished();
                if (finished != null)
                {
                    WriteOutcome(finished);
                    continue;
                }

                if (queue.Count == 0 || (!drain && !queue.IsFull))
                {
                    return;
                }

                // Wait on the pipeline thread, showing log lines as they come, until a call can be written.
                queue.WaitForProgress(MessagePumpInterval);
                foreach (var visible in queue.Visible())
                {
                    WriteMessages(visible);
                }

                ReportProgress(queue.Count);

                if (_stopping.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        private void WriteOutcome(PendingCall finished)
        {
            WriteMessages(finished);
            var task = finished.Task;
            _completed++;
            if (task.Status != TaskStatus.RanToCompletion)
            {
                _failed++;
            }

            ReportProgress(_queue?.Count ?? 0);
            if (task.Status == TaskStatus.RanToCompletion)
            {
                if (task.Result != null)
                {
                    // A call that answers with a list (monthly statistics) writes one object per element.
                    WriteObject(task.Result, enumerateCollection: task.Result is System.Collections.IList);
                }

                return;
            }

            if (task.IsCanceled || _stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            var failure = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerExceptions[0] : task.Exception;
            var record = AuthyErrorRecords.From(failure, finished.Target);
            if (AuthyErrorRecords.IsFatal(failure))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
        }

        /// <summary>Records done, errors so far and rate; PowerShell hides it under $ProgressPreference = 'SilentlyContinue'.</summary>
        private void ReportProgress(int inFlight)
        {
            var now = _elapsed.Elapsed;
            if (now < ProgressDelay || now - _lastProgress < ProgressInterval)
            {
                return;
            }

            _lastProgress = now;
            _progressShown = true;
            var rate = _completed / now.TotalSeconds;
            var status = string.Format(
                System.Globalization.CultureInfo.CurrentCulture,
                "{0} done, {1} failed, {2} in progress, {3:0.0}/s",
                _completed,
                _failed,
                inFlight,
                rate);
            WriteProgress(new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, status));
        }

        private void WriteMessages(PendingCall pending)
        {
            while (pending.TryTakeMessage(out var message))
            {
                WriteVerbose(message);
            }
        }

        private AuthySession ResolveSession()
        {
            try
            {
                var session = AuthySessionStore.Current ?? AuthySession.FromEnvironment();
                if (session != null)
                {
                    return session;
                }
            }
            catch (ArgumentException invalid)
            {
                ThrowTerminatingError(new ErrorRecord(invalid, "Authy.InvalidConnection", ErrorCategory.InvalidArgument, null));
            }

            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException(
                    "Not connected to Authy. Run Connect-Authy -ApiKey (Read-Host -AsSecureString 'Authy API key'), or set the AUTHY_API_KEY environment variable."),
                "Authy.NotConnected",
                ErrorCategory.InvalidOperation,
                null));
            throw new InvalidOperationException("unreachable");
        }

        private bool IsVerbose()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose))
            {
                return verbose is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(verbose);
            }

            return GetVariableValue("VerbosePreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf))
            {
                return whatIf is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(whatIf);
            }

            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }
    }
}
