using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using Authy.Cmdlets.Infrastructure;
using Authy.Http;
using Authy.Models;
using Authy.Validation;

namespace Authy.Cmdlets
{
    /// <summary>
    /// Wait-AuthyApprovalRequest: polls OneTouch approval requests (docs/api/authy.md §2.13) until each one is
    /// approved, denied or expired, or until -Timeout passes, with a progress bar showing the time left.
    /// </summary>
    /// <remarks>
    /// Like Wait-Process, a timeout is a non-terminating error (ErrorId Authy.ApprovalTimeout, category
    /// OperationTimeout): the request's last status, still pending, is written first, so a script can both
    /// read <c>$result.Status</c> and stop on the error with <c>-ErrorAction Stop</c>. -Timeout bounds the
    /// whole command, not each piped request. Ctrl+C ends the wait at once.
    /// </remarks>
    [Cmdlet(VerbsLifecycle.Wait, "AuthyApprovalRequest")]
    [OutputType(typeof(AuthyApprovalRequest))]
    public sealed class WaitAuthyApprovalRequestCommand : AuthyCmdlet
    {
        private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
        private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(10);

        // Longer than any approval request lives by default (one day), short of overflowing a date.
        private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(366);

        // The progress bar counts down in steps of at most this, between polls.
        private static readonly TimeSpan ProgressStep = TimeSpan.FromSeconds(1);

        private DateTimeOffset? _deadline;
        private int _progressId;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ApprovalRequestId", "approval_request_uuid")]
        [ValidateUuid]
        public string Uuid { get; set; } = string.Empty;

        /// <summary>How long to wait in all; a bare number is seconds. Five minutes unless given.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How often to ask Authy; a bare number is seconds. Two seconds unless given.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        protected override void BeginProcessing()
        {
            if (Timeout <= TimeSpan.Zero || Timeout > MaxTimeout)
            {
                ThrowTerminatingError(AuthyErrorRecords.Invalid("InvalidTimeout", $"Timeout must be more than zero and at most {MaxTimeout.TotalDays.ToString(CultureInfo.InvariantCulture)} days; got {Timeout}.", Timeout));
            }

            if (PollInterval < MinPollInterval || PollInterval > MaxPollInterval)
            {
                ThrowTerminatingError(AuthyErrorRecords.Invalid(
                    "InvalidPollInterval",
                    $"PollInterval must be from {MinPollInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s to {MaxPollInterval.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes; got {PollInterval}.",
                    PollInterval));
            }

            base.BeginProcessing();
            _progressId = Math.Abs(GetHashCode() % 100000) + 1;
        }

        protected override void ProcessRecord()
        {
            var uuid = Uuid.Trim();
            // One deadline for the whole command, set when the first request arrives.
            var deadline = _deadline ?? (_deadline = DateTimeOffset.UtcNow + Timeout).Value;
            try
            {
                WaitFor(uuid, deadline);
            }
            finally
            {
                WriteProgress(new ProgressRecord(_progressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private const string Activity = "Waiting for a OneTouch answer";

        private void WaitFor(string uuid, DateTimeOffset deadline)
        {
            while (true)
            {
                var status = Poll(uuid);
                if (status == null)
                {
                    return;
                }

                if (!status.IsPending)
                {
                    WriteObject(status);
                    return;
                }

                var now = DateTimeOffset.UtcNow;
                if (now >= deadline)
                {
                    WriteObject(status);
                    WriteTimeout(status);
                    return;
                }

                // Count down to the next poll (or the deadline), redrawing the bar as the seconds pass.
                var nextPoll = Min(now + PollInterval, deadline);
                while (now < nextPoll)
                {
                    ShowProgress(uuid, deadline, now);
                    var slice = Min(nextPoll, now + ProgressStep) - now;
                    // Waits on the cancellation handle, so Ctrl+C (StopProcessing) ends it at once.
                    if (CancellationToken.WaitHandle.WaitOne(slice))
                    {
                        throw new PipelineStoppedException();
                    }

                    now = DateTimeOffset.UtcNow;
                }
            }
        }

        /// <summary>One status read through the shared HTTP core; null when it failed (the error is written).</summary>
        private AuthyApprovalRequest? Poll(string uuid)
        {
            var log = new VerboseLines();
            var call = Task.Run(() => Api.GetApprovalRequestAsync(uuid, log, CancellationToken));
            try
            {
                // WaitAny does not throw for a faulted task; the wait itself ends on Ctrl+C.
                Task.WaitAny(new Task[] { call }, System.Threading.Timeout.Infinite, CancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }

            log.WriteTo(this);
            if (call.Status == TaskStatus.RanToCompletion)
            {
                return call.Result;
            }

            if (call.IsCanceled || CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            var failure = call.Exception!.InnerExceptions.Count == 1 ? call.Exception.InnerExceptions[0] : call.Exception;
            var record = AuthyErrorRecords.From(failure, uuid);
            if (AuthyErrorRecords.IsFatal(failure))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
            return null;
        }

        private void ShowProgress(string uuid, DateTimeOffset deadline, DateTimeOffset now)
        {
            var left = deadline - now;
            var elapsed = Timeout - left;
            var percent = (int)Math.Max(0, Math.Min(100, elapsed.TotalMilliseconds * 100 / Timeout.TotalMilliseconds));
            var seconds = (int)Math.Ceiling(Math.Max(0, left.TotalSeconds));
            WriteProgress(new ProgressRecord(_progressId, Activity, $"Request {uuid} is pending; {FormatLeft(seconds)} left")
            {
                PercentComplete = percent,
                SecondsRemaining = seconds,
            });
        }

        private void WriteTimeout(AuthyApprovalRequest status)
        {
            var message = $"OneTouch request {status.Uuid} was still pending when the wait of {Timeout} ended.";
            var record = new ErrorRecord(new TimeoutException(message), "Authy.ApprovalTimeout", ErrorCategory.OperationTimeout, status)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Wait again with a longer -Timeout, or read the answer later with Get-AuthyApprovalStatus.",
                },
            };
            WriteError(record);
        }

        private static string FormatLeft(int seconds) =>
            seconds >= 3600
                ? TimeSpan.FromSeconds(seconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
                : TimeSpan.FromSeconds(seconds).ToString(@"m\:ss", CultureInfo.InvariantCulture);

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

        /// <summary>Log lines of a call made on a worker, written as -Verbose on the pipeline thread afterwards.</summary>
        private sealed class VerboseLines : IRequestLog
        {
            private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();

            public void Verbose(string message) => _lines.Enqueue(message);

            public void WriteTo(Cmdlet cmdlet)
            {
                while (_lines.TryDequeue(out var line))
                {
                    cmdlet.WriteVerbose(line);
                }
            }
        }
    }
}
