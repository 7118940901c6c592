using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;

namespace Authy.Cmdlets.Verify
{
    /// <summary>
    /// Remove-TwilioVerifyFactor: deletes a factor (DELETE …/Entities/{Identity}/Factors/{YF}; docs/api/verify.md §4.5).
    /// The person's authenticator app stops working for this service, so it asks first unless -Force.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "TwilioVerifyFactor", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveTwilioVerifyFactorCommand : VerifyIdentityCmdlet
    {
        /// <summary>The factor: YF and 32 hexadecimal digits.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Sid", "factor_sid")]
        public string? FactorSid { get; set; }

        /// <summary>Remove without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

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
            var identity = CurrentIdentity;
            var sid = _factorSid;
            if (!ShouldProcess($"{sid} of {identity}", "Remove the Verify factor", Force))
            {
                return;
            }

            Enqueue(RecordTarget, async (log, cancellationToken) =>
            {
                await Verify.RemoveFactorAsync(identity, sid, log, cancellationToken).ConfigureAwait(false);
                return (object?)null;
            });
        }
    }
}
