using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Authy.Models;
using Authy.Validation;

namespace Authy.Cmdlets
{
    /// <summary>
    /// Get-AuthyPhoneVerificationStatus: whether a phone verification is pending, verified or expired
    /// (phones/verification/status, authy-api.md 2.17), by the Uuid of its start or by phone number.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AuthyPhoneVerificationStatus", DefaultParameterSetName = ByUuid)]
    [OutputType(typeof(AuthyPhoneVerificationStatus))]
    public sealed class GetAuthyPhoneVerificationStatusCommand : AuthyPipelineCmdlet
    {
        // By uuid is the default, so the output of Start-AuthyPhoneVerification, which carries both a Uuid
        // and a phone number, binds to the exact verification it started.
        private const string ByUuid = "ByUuid";
        private const string ByPhone = "ByPhone";

        // Named only: positional arguments are always a phone number and country code.
        [Parameter(Mandatory = true, ParameterSetName = ByUuid, ValueFromPipelineByPropertyName = true)]
        [ValidateUuid]
        public string Uuid { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByPhone, ValueFromPipelineByPropertyName = true)]
        [Alias("Phone", "Cellphone", "phone_number")]
        [ValidatePhoneNumber]
        public string PhoneNumber { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByPhone, ValueFromPipelineByPropertyName = true)]
        [Alias("country_code")]
        [WholeNumber]
        [ValidateRange(1, 999)]
        [ArgumentCompleter(typeof(CountryCodeCompleter))]
        public int CountryCode { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByUuid)
            {
                var uuid = Uuid.Trim();
                Enqueue(TargetFor(uuid), (log, cancellationToken) => Api.GetPhoneVerificationStatusAsync(uuid, log, cancellationToken));
                return;
            }

            var phoneNumber = PhoneNumber.Trim();
            var countryCode = CountryCode;
            Enqueue(TargetFor(phoneNumber), (log, cancellationToken) =>
                Api.GetPhoneVerificationStatusAsync(phoneNumber, countryCode, log, cancellationToken));
        }
    }
}
