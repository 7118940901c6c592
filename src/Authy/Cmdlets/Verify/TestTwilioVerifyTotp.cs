using Authy.Verify;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Test-TwilioVerifyTotp: checks a code against a verified TOTP factor by creating a challenge with it (POST
/// …/Challenges with AuthPayload; docs/api/verify.md §4.6), which Twilio decides at once. Writes $true when the
/// challenge is approved and $false when it stays pending (a wrong code is not an error). -Detailed writes the
/// challenge. An unverified factor is TwilioVerify.60318: confirm it first (Confirm-TwilioVerifyFactor).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TwilioVerifyTotp")]
[OutputType(typeof(bool))]
[OutputType(typeof(TwilioVerifyChallenge))]
public sealed class TestTwilioVerifyTotpCommand : TotpCodeCmdlet
{
    /// <summary>Write the challenge (status, SID) instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessInput()
    {
        var request = new ChallengeRequest { Identity = CurrentIdentity, FactorSid = CurrentFactorSid, AuthPayload = CurrentCode };
        EnqueueVerdict(
            RecordTarget,
            Detailed.IsPresent,
            (log, cancellationToken) => Verify.NewChallengeAsync(request, log, cancellationToken),
            challenge => challenge.Status == "approved");
    }
}
