using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Stop-TwilioVerification: cancels a pending verification (POST /v2/Services/{VA}/Verifications/{Sid} with
/// Status=canceled; docs/api/verify.md §4.2), so its code no longer works and the number can be sent a new one.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "TwilioVerification", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(TwilioVerification))]
public sealed class StopTwilioVerificationCommand : VerificationCmdlet
{
    /// <summary>Cancel without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessInput()
    {
        var target = Target;
        EnqueueConfirmed(RecordTarget, target, "Cancel the verification", Force, (log, cancellationToken) =>
            Verify.UpdateVerificationAsync(target, "canceled", log, cancellationToken));
    }
}
