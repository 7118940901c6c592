namespace Authy.Cmdlets;

/// <summary>
/// Get-AuthyApprovalStatus: reads a OneTouch approval request and whether the user answered
/// (onetouch/json/approval_requests/{uuid}, docs/api/authy.md §2.13).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AuthyApprovalStatus")]
[OutputType(typeof(AuthyApprovalRequest))]
public sealed class GetAuthyApprovalStatusCommand : AuthyPipelineCmdlet
{
    /// <summary>The request's uuid, as New-AuthyApprovalRequest returns it.</summary>
    private static readonly string[] UuidNames = { "Uuid", "ApprovalRequestId", "approval_request_uuid" };

    private string _uuid = string.Empty;

    // Checked per record, not by a validation attribute: a row with a blank or bad id is then its own numbered
    // error, and the rows after it keep their numbers (AuthyPipelineCmdlet).
    // Not ValueFromPipeline: a bare uuid piped in is read through PipedValue, so a record without a uuid column is
    // never bound whole, as its text, to -Uuid.
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ApprovalRequestId", "approval_request_uuid")]
    public string Uuid { get; set; } = string.Empty;

    protected override bool ResolveRecord()
    {
        var bound = string.IsNullOrEmpty(Uuid) && PipedValue is { } piped ? Text(piped) : Uuid;
        _uuid = ReadRequired(bound, UuidNames, "approval request id", nameof(Uuid), "InvalidUuid", OneTouchRules.Uuid) ?? string.Empty;
        return _uuid.Length > 0;
    }

    protected override void ProcessInput()
    {
        var uuid = _uuid;
        Enqueue(TargetFor(uuid), (log, cancellationToken) => Api.GetApprovalRequestAsync(uuid, log, cancellationToken));
    }
}
