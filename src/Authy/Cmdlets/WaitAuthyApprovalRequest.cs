namespace Authy.Cmdlets;

/// <summary>
/// Wait-AuthyApprovalRequest: polls OneTouch approval requests (docs/api/authy.md §2.13) until each one is
/// approved, denied or expired, or until -Timeout passes, with a progress bar showing the time left.
/// </summary>
/// <remarks>
/// A timeout is one non-terminating error for the request (ErrorId Authy.ApprovalTimeout, category
/// OperationTimeout) and no output, so each record gives one status or one error; the last status read is
/// in the exception's LastStatus. -Timeout bounds the
/// whole command, not each piped request; piped requests are waited for one after the other (the base
/// class's queue with one call at a time). Ctrl+C ends the wait at once.
/// </remarks>
[Cmdlet(VerbsLifecycle.Wait, "AuthyApprovalRequest")]
[OutputType(typeof(AuthyApprovalRequest))]
public sealed class WaitAuthyApprovalRequestCommand : AuthyCmdlet, IStatusWait
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ApprovalRequestId", "approval_request_uuid")]
    [ValidateUuid]
    public string Uuid { get; set; } = string.Empty;

    /// <summary>How long to wait in all; a bare number is seconds. Five minutes unless given.</summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan Timeout { get; set; } = StatusPoll.DefaultTimeout;

    /// <summary>How often to ask Authy; a bare number is seconds. Two seconds unless given.</summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan PollInterval { get; set; } = StatusPoll.DefaultPollInterval;

    string IStatusWait.PollActivity => "Waiting for a OneTouch answer";

    protected override void ProcessRecord()
    {
        // Captured now: the next record rebinds the properties while this one is still polled.
        var uuid = Uuid.Trim();
        var timeout = Timeout;
        var poll = Poll;
        Enqueue(uuid, poll.Until(
            "Request " + uuid,
            (log, cancellationToken) => Api.GetApprovalRequestAsync(uuid, log, cancellationToken),
            status => !status.IsPending,
            status => new PollTimeoutException(
                "Authy.ApprovalTimeout",
                $"OneTouch request {status.Uuid} was still pending when the wait of {timeout} ended.",
                status,
                "Wait again with a longer -Timeout, or read the answer later with Get-AuthyApprovalStatus.")));
    }
}
