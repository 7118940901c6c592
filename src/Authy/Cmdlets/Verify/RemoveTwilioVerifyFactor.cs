namespace Authy.Cmdlets.Verify;

/// <summary>
/// Remove-TwilioVerifyFactor: deletes a factor (DELETE …/Entities/{Identity}/Factors/{YF}; docs/api/verify.md §4.5).
/// The person's authenticator app stops working for this service, so it asks first unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "TwilioVerifyFactor", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveTwilioVerifyFactorCommand : VerifyFactorCmdlet
{
    /// <summary>Remove without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessInput()
    {
        var identity = CurrentIdentity;
        var sid = CurrentFactorSid;
        EnqueueConfirmed(RecordTarget, $"{sid} of {identity}", "Remove the Verify factor", Force, async (log, cancellationToken) =>
        {
            await Verify.RemoveFactorAsync(identity, sid, log, cancellationToken).ConfigureAwait(false);
            return (object?)null;
        });
    }
}
