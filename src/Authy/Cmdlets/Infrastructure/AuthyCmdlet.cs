using System.Management.Automation.Runspaces;
using Authy.Api;
using Authy.Session;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// What every cmdlet that calls Authy shares: finding the session, running calls with cancellation
/// (StopProcessing cancels everything in flight), writing each record's outcome on the pipeline thread
/// in input order, mapping failures to ErrorRecords, and <c>-Verbose</c> lines for each request.
/// Derived cmdlets validate and call ShouldProcess in ProcessRecord, then <see cref="Enqueue{T}"/> the call.
/// When the pipeline ends early (Select-Object -First, Ctrl+C, a terminating error) a cmdlet that changes
/// state or sends messages warns once how many requests went out without their result being written.
/// </summary>
public abstract class AuthyCmdlet : PSCmdlet, IDisposable
{
    private static readonly TimeSpan MessagePumpInterval = TimeSpan.FromMilliseconds(200);

    // A bar appears only for work that lasts, and is refreshed at most twice a second.
    private static readonly TimeSpan DefaultProgressDelay = TimeSpan.FromSeconds(1);
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
    private bool? _changesState;
    private bool _unwrittenReported;

    /// <summary>The session this invocation uses (Connect-Authy, else the environment).</summary>
    protected AuthySession Session => _session ?? throw new InvalidOperationException("BeginProcessing has not run.");

    protected AuthyApi Api => Session.Api;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancellationToken => _stopping.Token;

    /// <summary>How many requests this invocation may have in flight at once.</summary>
    protected virtual int ConcurrencyLimit => 1;

    /// <summary>Whether outcomes are written in input order (else as they finish).</summary>
    protected virtual bool PreserveInputOrder => true;

    /// <summary>
    /// Whether its requests send a message or change state, so that an unreported one matters: the cmdlets
    /// that support ShouldProcess. Read-only cmdlets stop without a warning.
    /// </summary>
    protected virtual bool ChangesState =>
        _changesState ?? (_changesState = (Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)) as CmdletAttribute)?.SupportsShouldProcess == true).Value;

    /// <summary>
    /// The Wait-* cmdlets' poll (<see cref="IStatusWait"/>): its -Timeout, -PollInterval and deadline, one for the
    /// whole command. Null in every other cmdlet.
    /// </summary>
    private StatusPoll? _poll;

    /// <summary>The poll <see cref="BeginProcessing"/> made, for a Wait-* cmdlet's queued calls.</summary>
    private protected StatusPoll Poll => _poll ?? throw new InvalidOperationException("Only a Wait-* cmdlet (IStatusWait) polls.");

    /// <summary>
    /// How long the work must last before the progress bar appears: a wait's countdown is its point, so it is
    /// shown from the start, not after the usual second.
    /// </summary>
    private TimeSpan ProgressDelay => _poll != null ? TimeSpan.Zero : DefaultProgressDelay;

    /// <summary>
    /// Starts the command. For a Wait-* cmdlet (<see cref="IStatusWait"/>) it first checks -Timeout and -PollInterval
    /// (a terminating error before the session is even opened, so nothing is read with a wait that cannot be right),
    /// then makes the <see cref="Poll"/> whose countdown the progress bar shows.
    /// </summary>
    protected override void BeginProcessing()
    {
        if (this is IStatusWait wait)
        {
            var invalid = StatusPoll.Check(wait.Timeout, wait.PollInterval, ErrorIdPrefix);
            if (invalid != null)
            {
                ThrowTerminatingError(invalid);
            }

            _poll = new StatusPoll(wait.Timeout, wait.PollInterval, wait.PollActivity);
        }

        OpenSession();
        _verbose = IsVerbose();
        _queue = new WorkQueue(ConcurrencyLimit, PreserveInputOrder, _stopping.Token);
    }

    /// <summary>
    /// Finds the session this invocation uses, stopping with an error when there is none. The Authy session by
    /// default; the Verify cmdlets open theirs instead (VerifyPipelineCmdlet), on the same queue and error mapping.
    /// </summary>
    protected virtual void OpenSession() => _session = ResolveSession();

    protected override void EndProcessing()
    {
        WriteFinished(drain: true);
        // Drained: no worker is left to release a slot.
        _queue?.Dispose();
        if (_progressShown)
        {
            // The closing record carries the final counts, so whoever reads the progress stream sees every record.
            var status = ProgressStatus(_completed, _failed, 0, _completed / Math.Max(_elapsed.Elapsed.TotalSeconds, 0.001));
            WriteProgress(new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, status) { RecordType = ProgressRecordType.Completed });
        }
    }

    protected override void StopProcessing() => _stopping.Cancel();

    public void Dispose()
    {
        // Anything still in flight (a terminating error, a stopped pipeline) is abandoned, not awaited.
        _stopping.Cancel();

        // Ended early by a stop that never reached WriteFinished (Ctrl+C during a confirmation prompt, say):
        // last chance to say what was sent. Dispose may run while the host tears the runspace down; an
        // exception out of it would end the whole process, so a warning that cannot be shown is dropped.
        try
        {
            ReportUnwritten();
        }
        catch (Exception teardown) when (!(teardown is OutOfMemoryException || teardown is StackOverflowException))
        {
        }
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
    /// Starts a check whose answer is <c>$true</c>/<c>$false</c> (<paramref name="passed"/> of the reply) unless
    /// <paramref name="detailed"/> (-Detailed) asks for the whole reply: the one output rule of the Test-* and
    /// Confirm-* cmdlets.
    /// </summary>
    protected void EnqueueVerdict<T>(object? target, bool detailed, Func<IRequestLog, CancellationToken, Task<T>> call, Func<T, bool> passed)
        where T : class
    {
        Enqueue(target, async (log, cancellationToken) =>
        {
            var reply = await call(log, cancellationToken).ConfigureAwait(false);
            return detailed ? reply : (object)passed(reply);
        });
    }

    /// <summary>
    /// The confirm-then-send step of every cmdlet that changes state: starts <paramref name="call"/> for the current
    /// record only when ShouldProcess agrees for <paramref name="target"/> and <paramref name="action"/> (-WhatIf and
    /// -Confirm).
    /// </summary>
    protected void EnqueueConfirmed<T>(object? record, string target, string action, Func<IRequestLog, CancellationToken, Task<T>> call) =>
        EnqueueConfirmed(record, target, action, force: false, call);

    /// <summary>
    /// As <see cref="EnqueueConfirmed{T}(object?, string, string, Func{IRequestLog, CancellationToken, Task{T}})"/>,
    /// with <paramref name="force"/> (-Force) answering the prompt; -WhatIf and an explicit -Confirm still apply.
    /// </summary>
    protected void EnqueueConfirmed<T>(object? record, string target, string action, bool force, Func<IRequestLog, CancellationToken, Task<T>> call)
    {
        if (ShouldProcess(target, action, force))
        {
            Enqueue(record, call);
        }
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

    /// <summary>
    /// Writes one call's result on the pipeline thread. A call that answers with a list (monthly statistics)
    /// writes one object per element. Overridden where a result also goes elsewhere (a QR code to the host).
    /// </summary>
    protected virtual void WriteResult(object result) =>
        WriteObject(result, enumerateCollection: result is System.Collections.IList);

    /// <summary>
    /// Writes every queued call's outcome now, waiting for them: before a cmdlet streams a list itself on the
    /// pipeline thread, so the outcomes of earlier records still come first.
    /// </summary>
    protected void WriteQueued() => WriteFinished(drain: true);

    /// <summary>
    /// Writes a validation failure found before any request, against the record it concerns, in the record's turn:
    /// after the outcomes of the records before it, as every outcome is written. Under -ErrorAction Stop those are
    /// waited for and written first, so the stop comes after them and before any later record is sent; otherwise
    /// the refusal waits in the queue and later records go on.
    /// </summary>
    protected void WriteInvalid(string errorId, string message, object? target)
    {
        var record = AuthyErrorRecords.Invalid(errorId, message, target, ErrorIdPrefix);
        var queue = _queue;
        if (queue != null && queue.Count > 0)
        {
            if (!StopsOnError)
            {
                queue.AddRefused(target, new RefusedRecordException(record));
                WriteFinished(drain: false);
                return;
            }

            WriteFinished(drain: true);
        }

        // Refused records count in the progress bar like any other outcome.
        _completed++;
        _failed++;
        WriteError(record);
    }

    /// <summary>Whether a non-terminating error stops this command: -ErrorAction Stop, or $ErrorActionPreference.</summary>
    private bool StopsOnError =>
        LanguagePrimitives.TryConvertTo<ActionPreference>(
            MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given) ? given : GetVariableValue("ErrorActionPreference"),
            CultureInfo.InvariantCulture,
            out var action)
        && action == ActionPreference.Stop;

    /// <summary>The prefix of the ErrorIds this cmdlet makes itself (refused input): <c>Authy.</c>, or <c>TwilioVerify.</c> on the Verify side.</summary>
    protected virtual string ErrorIdPrefix => "Authy.";

    /// <summary>The progress bar's status line.</summary>
    internal static string ProgressStatus(int done, int failed, int inFlight, double perSecond) =>
        string.Format(
            System.Globalization.CultureInfo.CurrentCulture,
            "{0} done, {1} failed, {2} in progress, {3:0.0}/s",
            done,
            failed,
            inFlight,
            perSecond);

    /// <summary>What an unreported request may have done, and where to look: the Authy side's; Verify cmdlets say their own.</summary>
    private protected virtual (string Effects, string WhereToCheck) UnwrittenAdvice =>
        ("messages sent, users created or removed", "Get-AuthyUser, the Authy console, or the emulator's /_emulator/messages");

    /// <summary>The warning for requests that went out when the pipeline stopped before their results were written.</summary>
    internal static string UnwrittenWarning(string command, int count, (string Effects, string WhereToCheck) advice) =>
        string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            count == 1
                ? "{0} stopped with {1} request sent, or possibly sent, whose result was not written: it may have taken effect ({2}). Check it before sending it again, e.g. with {3}."
                : "{0} stopped with {1} requests sent, or possibly sent, whose results were not written: they may have taken effect ({2}). Check them before sending them again, e.g. with {3}.",
            command,
            count,
            advice.Effects,
            advice.WhereToCheck);

    private void WriteFinished(bool drain)
    {
        var queue = _queue;
        if (queue == null)
        {
            return;
        }

        try
        {
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

                ReportProgress();

                if (_stopping.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C, or a downstream Select-Object -First that has what it wanted (its stop arrives as this
            // exception out of WriteObject): the calls still queued will never be written.
            ReportUnwritten();
            throw;
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

        ReportProgress();
        if (task.Status == TaskStatus.RanToCompletion)
        {
            if (task.Result != null)
            {
                WriteResult(task.Result);
            }

            return;
        }

        if (task.IsCanceled || _stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        var failure = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerExceptions[0] : task.Exception;
        if (failure is RefusedRecordException refused)
        {
            WriteError(refused.Record);
            return;
        }

        var record = AuthyErrorRecords.From(failure, finished.Target);
        if (AuthyErrorRecords.IsFatal(failure))
        {
            // The others would fail the same way: stop them before counting what went out.
            _stopping.Cancel();
            ReportUnwritten();

            // Not ThrowTerminatingError: see AuthyTerminatingException (the row must reach -ErrorVariable).
            throw AuthyErrorRecords.Terminating(record, GetType(), MyInvocation.MyCommand.Name);
        }

        WriteError(record);
    }

    /// <summary>
    /// Records done (outcomes written, refused records included), failures so far, requests in flight now
    /// (at most the throttle limit) and rate; PowerShell hides it under $ProgressPreference = 'SilentlyContinue'.
    /// </summary>
    private void ReportProgress()
    {
        var now = _elapsed.Elapsed;
        if (now < ProgressDelay || (_progressShown && now - _lastProgress < ProgressInterval))
        {
            return;
        }

        _lastProgress = now;
        _progressShown = true;
        var status = ProgressStatus(_completed, _failed, _queue?.InFlight ?? 0, _completed / Math.Max(now.TotalSeconds, 0.001));
        WriteProgress(_poll?.Progress(ProgressActivityId) ?? new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, status));
    }

    /// <summary>
    /// Warns, once, how many requests of a state-changing cmdlet went out without their result being written.
    /// While the pipeline stops (Ctrl+C) Write* refuse to run, so the warning then goes to the host directly,
    /// under the same -WarningAction / $WarningPreference.
    /// </summary>
    private void ReportUnwritten()
    {
        var queue = _queue;
        if (_unwrittenReported || queue == null || !ChangesState)
        {
            return;
        }

        // Cancelled first, so no worker starts a request after the count (a downstream Select-Object stops
        // this cmdlet without StopProcessing; until Dispose its workers would go on taking free slots).
        _stopping.Cancel();

        var count = queue.SentNotTaken;
        if (count == 0)
        {
            return;
        }

        _unwrittenReported = true;
        var message = UnwrittenWarning(MyInvocation.MyCommand.Name, count, UnwrittenAdvice);
        try
        {
            WriteWarning(message);
            return;
        }
        catch (Exception refused) when (refused is PipelineStoppedException || refused is InvalidOperationException || refused is InvalidRunspaceStateException)
        {
            // Stopping, or outside ProcessRecord/EndProcessing (Dispose): the host still shows it.
        }

        try
        {
            if (WarningsShown())
            {
                CommandRuntime.Host?.UI?.WriteWarningLine(message);
            }
        }
        catch (Exception hostFailure) when (!(hostFailure is OutOfMemoryException))
        {
            // A host that cannot show it now: nothing more can be done from a stopping pipeline.
        }
    }

    private bool WarningsShown()
    {
        object? preference = MyInvocation.BoundParameters.TryGetValue("WarningAction", out var action) ? action : GetVariableValue("WarningPreference");
        return !(preference is ActionPreference value) || (value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore);
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
        var session = AuthySessionStore.Resolve(out var failure);
        if (session == null)
        {
            ThrowTerminatingError(failure);
        }

        return session!;
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
