using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Confirm-TwilioVerifyFactor: sends the first code of a new TOTP factor (POST …/Factors/{YF} with AuthPayload;
/// docs/api/verify.md §4.5). Writes $true when the factor is verified, $false for a wrong code, which Twilio answers
/// with the factor still unverified rather than an error. After 5 wrong codes Twilio refuses with 60310, which
/// is not retried. -Detailed writes the factor instead.
/// </summary>
[Cmdlet(VerbsLifecycle.Confirm, "TwilioVerifyFactor")]
[OutputType(typeof(bool))]
[OutputType(typeof(TwilioVerifyFactor))]
public sealed class ConfirmTwilioVerifyFactorCommand : TotpCodeCmdlet
{
    /// <summary>Write the factor (its Status) instead of $true/$false.</summary>
    [Parameter]
    [Alias("PassThru")]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessInput()
    {
        // Captured now: the next record rebinds the properties while this call is still in flight.
        var identity = CurrentIdentity;
        var sid = CurrentFactorSid;
        var code = CurrentCode;
        EnqueueVerdict(
            RecordTarget,
            Detailed.IsPresent,
            (log, cancellationToken) => Verify.VerifyFactorAsync(identity, sid, code, log, cancellationToken),
            factor => factor.Status == "verified");
    }
}
