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
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ApprovalRequestId", "approval_request_uuid")]
    [ValidateUuid]
    public string Uuid { get; set; } = string.Empty;

    protected override void ProcessInput()
    {
        var uuid = Uuid.Trim();
        Enqueue(TargetFor(uuid), (log, cancellationToken) => Api.GetApprovalRequestAsync(uuid, log, cancellationToken));
    }
}
