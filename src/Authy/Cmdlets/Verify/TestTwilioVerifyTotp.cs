using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Authy.Verify;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify
{
    /// <summary>
    /// Test-TwilioVerifyTotp: checks a code against a verified TOTP factor by creating a challenge with it (POST
    /// …/Challenges with AuthPayload; docs/api/verify.md §4.6), which Twilio decides at once. Writes $true when the
    /// challenge is approved and $false when it stays pending (a wrong code is not an error). -Detailed writes the
    /// challenge. An unverified factor is TwilioVerify.60318: confirm it first (Confirm-TwilioVerifyFactor).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TwilioVerifyTotp")]
    [OutputType(typeof(bool))]
    [OutputType(typeof(TwilioVerifyChallenge))]
    public sealed class TestTwilioVerifyTotpCommand : VerifyIdentityCmdlet
    {
        /// <summary>The factor: YF and 32 hexadecimal digits.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Sid", "factor_sid")]
        public string? FactorSid { get; set; }

        /// <summary>The code the authenticator app shows: 3-8 digits, as text so leading zeros count.</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Token", "Totp", "AuthPayload")]
        public string? Code { get; set; }

        /// <summary>Write the challenge (status, SID) instead of $true/$false.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        private string _factorSid = string.Empty;

        protected override bool ResolveRecord()
        {
            if (!ReadIdentity(required: true))
            {
                return false;
            }

            _factorSid = ReadFactorSid(FactorSid, required: true, out var ok) ?? string.Empty;
            return ok;
        }

        protected override void ProcessInput()
        {
            var code = ReadCode(Code, ConfirmTwilioVerifyFactorCommand.CodeNames);
            if (code == null)
            {
                return;
            }

            var request = new ChallengeRequest { Identity = CurrentIdentity, FactorSid = _factorSid, AuthPayload = code };
            var detailed = Detailed.IsPresent;
            Enqueue(RecordTarget, async (log, cancellationToken) =>
            {
                var challenge = await Verify.NewChallengeAsync(request, log, cancellationToken).ConfigureAwait(false);
                return detailed ? challenge : (object)(challenge.Status == "approved");
            });
        }
    }
}
