namespace Authy.Cmdlets;

/// <summary>
/// Remove-AuthyUser: removes users (users/{id}/remove, docs/api/authy.md §2.2). Authy queues the removal:
/// the user's tokens keep verifying for about a day.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AuthyUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(AuthyOperationResult))]
public sealed class RemoveAuthyUserCommand : AuthyUserIpCmdlet
{
    /// <summary>Remove without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the result of each removal.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessInput()
    {
        var userIp = CurrentUserIp;
        var authyId = ResolvedAuthyId;
        var passThru = PassThru.IsPresent;
        EnqueueConfirmed(TargetFor(authyId), $"Authy user {authyId}", "Remove", Force, async (log, cancellationToken) =>
        {
            var result = await Api.RemoveUserAsync(authyId, userIp, log, cancellationToken).ConfigureAwait(false);
            return passThru ? result : null;
        });
    }
}
