using System.Collections.Concurrent;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Polling each piped record until its status is terminal or the time runs out, for the Wait-* cmdlets
/// (Wait-AuthyApprovalRequest). Each record's polls run as one call on the cmdlet's work queue
/// (<see cref="AuthyCmdlet"/>), so waiting, Ctrl+C, fault unwrapping, fatal errors, -Verbose, input order and,
/// in a pipeline cmdlet, -ThrottleLimit are the base class's, written once. What this adds: -Timeout and
/// -PollInterval checked before anything is sent, one deadline for the whole command (set by the first record,
/// so a batch never waits longer than -Timeout), a <see cref="PollTimeoutException"/> for a record still not
/// done at the deadline, and the progress bar counting down to it.
/// </summary>
internal sealed class StatusPoll
{
    /// <summary>-Timeout unless given: five minutes, a Verify push challenge's default lifetime and a sensible wait at a prompt.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>-PollInterval unless given: two seconds, quick for a person and far below any rate limit.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(10);

    // Longer than any approval request lives by default (one day), short of overflowing a date.
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(366);

    private readonly TimeSpan _timeout;
    private readonly TimeSpan _pollInterval;
    private readonly string _activity;

    // Labels of the records being polled now, for the progress bar; a count of each, since two piped records may be the same.
    private readonly ConcurrentDictionary<string, int> _polling = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
    private DateTimeOffset? _deadline;

    public StatusPoll(TimeSpan timeout, TimeSpan pollInterval, string activity)
    {
        _timeout = timeout;
        _pollInterval = pollInterval;
        _activity = activity;
    }

    /// <summary>The refusal of a -Timeout or -PollInterval out of range (InvalidTimeout, InvalidPollInterval after the cmdlet's prefix), else null.</summary>
    public static ErrorRecord? Check(TimeSpan timeout, TimeSpan pollInterval, string errorIdPrefix)
    {
        if (timeout <= TimeSpan.Zero || timeout > MaxTimeout)
        {
            return AuthyErrorRecords.Invalid(
                "InvalidTimeout", $"Timeout must be more than zero and at most {MaxTimeout.TotalDays.ToString(CultureInfo.InvariantCulture)} days; got {timeout}.", timeout, errorIdPrefix);
        }

        if (pollInterval < MinPollInterval || pollInterval > MaxPollInterval)
        {
            return AuthyErrorRecords.Invalid(
                "InvalidPollInterval",
                $"PollInterval must be from {MinPollInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s to {MaxPollInterval.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes; got {pollInterval}.",
                pollInterval,
                errorIdPrefix);
        }

        return null;
    }

    /// <summary>
    /// The call to enqueue for one record, made on the pipeline thread (the first one starts the clock): it
    /// polls with <paramref name="read"/> until <paramref name="isDone"/>, and returns that status; at the
    /// deadline it throws what <paramref name="timedOut"/> makes of the last status. A failed read ends it with
    /// that failure. <paramref name="label"/> names the record on the progress bar.
    /// </summary>
    public Func<IRequestLog, CancellationToken, Task<T>> Until<T>(
        string label, Func<IRequestLog, CancellationToken, Task<T>> read, Func<T, bool> isDone, Func<T, PollTimeoutException> timedOut)
    {
        var deadline = _deadline ?? (_deadline = DateTimeOffset.UtcNow + _timeout).Value;
        return async (log, cancellationToken) =>
        {
            _polling.AddOrUpdate(label, 1, (_, count) => count + 1);
            try
            {
                while (true)
                {
                    var status = await read(log, cancellationToken).ConfigureAwait(false);
                    if (isDone(status))
                    {
                        return status;
                    }

                    // One poll more at the deadline, never a sleep past it.
                    var now = DateTimeOffset.UtcNow;
                    if (now >= deadline)
                    {
                        throw timedOut(status);
                    }

                    // Cancelled by Ctrl+C (StopProcessing), which ends the wait at once.
                    await Task.Delay(Min(deadline - now, _pollInterval), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                // Left at 0, not removed: a remove after the decrement could drop a count another worker has just
                // raised again; Progress shows only labels above 0.
                _polling.AddOrUpdate(label, 0, (_, count) => count - 1);
            }
        };
    }

    /// <summary>The bar: what is pending, the time left and how much of -Timeout has passed.</summary>
    public ProgressRecord Progress(int activityId)
    {
        var left = (_deadline ?? DateTimeOffset.UtcNow + _timeout) - DateTimeOffset.UtcNow;
        var elapsed = _timeout - left;
        var percent = (int)Math.Max(0, Math.Min(100, elapsed.TotalMilliseconds * 100 / _timeout.TotalMilliseconds));
        var seconds = (int)Math.Ceiling(Math.Max(0, left.TotalSeconds));
        var polling = _polling.Where(entry => entry.Value > 0).Select(entry => entry.Key).ToList();
        var what = polling.Count == 0 ? "Waiting"
            : polling.Count == 1 ? polling[0] + " is pending"
            : polling.Count.ToString(CultureInfo.InvariantCulture) + " are pending";
        return new ProgressRecord(activityId, _activity, $"{what}; {FormatLeft(seconds)} left")
        {
            PercentComplete = percent,
            SecondsRemaining = seconds,
        };
    }

    private static string FormatLeft(int seconds) =>
        seconds >= 3600
            ? TimeSpan.FromSeconds(seconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : TimeSpan.FromSeconds(seconds).ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;
}
