namespace Authy.Cmdlets;

/// <summary>Send-AuthyEmail: emails a token to users (email/{id}, docs/api/authy.md §2.8).</summary>
[Cmdlet(VerbsCommunications.Send, "AuthyEmail", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(AuthyTokenDelivery))]
public sealed class SendAuthyEmailCommand : AuthyUserCmdlet
{
    protected override void ProcessInput()
    {
        var authyId = ResolvedAuthyId;
        EnqueueConfirmed(TargetFor(authyId), $"Authy user {authyId}", "Send email token", (log, cancellationToken) =>
            Api.SendEmailTokenAsync(authyId, log, cancellationToken));
    }
}
