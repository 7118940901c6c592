namespace Authy.Cmdlets;

/// <summary>Get-AuthyUser: reads a user's status (users/{id}/status, docs/api/authy.md §2.3).</summary>
[Cmdlet(VerbsCommon.Get, "AuthyUser")]
[OutputType(typeof(AuthyUserStatus))]
public sealed class GetAuthyUserCommand : AuthyUserIpCmdlet
{
    protected override void ProcessInput()
    {
        var userIp = CurrentUserIp;
        var authyId = ResolvedAuthyId;
        Enqueue(TargetFor(authyId), (log, cancellationToken) => Api.GetUserStatusAsync(authyId, userIp, log, cancellationToken));
    }
}
