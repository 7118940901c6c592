using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Authy.Models;
using Authy.Validation;

namespace Authy.Cmdlets
{
    /// <summary>New-AuthyUser: registers users, one per input record (users/new, authy-api.md 2.1).</summary>
    [Cmdlet(VerbsCommon.New, "AuthyUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AuthyUser))]
    public sealed class NewAuthyUserCommand : AuthyPipelineCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "Mail")]
        [ValidateEmail]
        public string Email { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Phone", "PhoneNumber", "phone_number", "Mobile")]
        [ValidatePhoneNumber]
        public string Cellphone { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("country_code")]
        [WholeNumber]
        [ValidateRange(1, 999)]
        [ArgumentCompleter(typeof(CountryCodeCompleter))]
        public int CountryCode { get; set; }

        /// <summary>Ask Authy to text the user a link to install the app. Off unless given, so bulk imports send nothing.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter SendInstallLink { get; set; }

        protected override void ProcessRecord()
        {
            // Captured now: the next record rebinds the properties while this call is still in flight.
            var email = Email.Trim();
            var cellphone = Cellphone.Trim();
            var countryCode = CountryCode;
            var sendInstallLink = SendInstallLink.IsPresent;

            if (!ShouldProcess($"+{countryCode} {cellphone} <{email}>", "Register Authy user"))
            {
                return;
            }

            Enqueue(TargetFor(email), (log, cancellationToken) =>
                Api.CreateUserAsync(email, cellphone, countryCode, sendInstallLink, log, cancellationToken));
        }
    }
}
