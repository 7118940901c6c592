using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Authy.Models;
using Authy.Validation;

namespace Authy.Cmdlets
{
    /// <summary>
    /// Test-AuthyPhoneVerification: checks a code sent by Start-AuthyPhoneVerification
    /// (phones/verification/check, authy-api.md 2.16). Returns $true or $false, so <c>if (Test-AuthyPhoneVerification ...)</c>
    /// is safe; a wrong code is $false, not an error. No pending verification (60023) is an error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AuthyPhoneVerification")]
    [OutputType(typeof(bool), typeof(AuthyPhoneVerificationCheck))]
    public sealed class TestAuthyPhoneVerificationCommand : AuthyPipelineCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Phone", "Cellphone", "phone_number")]
        [ValidatePhoneNumber]
        public string PhoneNumber { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("country_code")]
        [WholeNumber]
        [ValidateRange(1, 999)]
        public int CountryCode { get; set; }

        /// <summary>The code the person received: 4-10 digits, as text so leading zeros count.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("verification_code", "VerificationCode")]
        [ValidateVerificationCode]
        public string Code { get; set; } = string.Empty;

        /// <summary>Return an AuthyPhoneVerificationCheck (IsValid, Message, ErrorCode) instead of $true/$false.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord()
        {
            var phoneNumber = PhoneNumber.Trim();
            var countryCode = CountryCode;
            var code = Code;
            var detailed = Detailed.IsPresent;
            Enqueue(TargetFor(phoneNumber), async (log, cancellationToken) =>
            {
                var check = await Api.CheckPhoneVerificationAsync(phoneNumber, countryCode, code, log, cancellationToken).ConfigureAwait(false);
                return detailed ? check : (object)check.IsValid;
            });
        }
    }
}
