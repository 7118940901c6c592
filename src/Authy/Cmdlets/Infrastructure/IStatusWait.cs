namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// A Wait-* cmdlet: <see cref="AuthyCmdlet.BeginProcessing"/> checks its -Timeout and -PollInterval and starts the
/// one <see cref="StatusPoll"/> the whole command shares before the session opens. The two Wait-* cmdlets sit on
/// different bases (an Authy request id, a Verify identity and challenge SID), so they declare the two parameters
/// themselves, with <see cref="StatusPoll.DefaultTimeout"/> and <see cref="StatusPoll.DefaultPollInterval"/>.
/// </summary>
internal interface IStatusWait
{
    /// <summary>How long to wait in all, from the first record.</summary>
    TimeSpan Timeout { get; }

    /// <summary>How often to read each record's status.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>The progress bar's activity, e.g. "Waiting for push answers".</summary>
    string PollActivity { get; }
}
