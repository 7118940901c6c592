using System.Management.Automation;
using Authy.Validation;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that act on a phone number rather than a user (phone verification, phone
    /// information): the number and its country code, bound from CSV columns such as phone_number and
    /// country_code, validated the same way everywhere.
    /// </summary>
    public abstract class PhoneNumberCmdlet : AuthyPipelineCmdlet
    {
        /// <summary>The national number: digits, optionally grouped by dashes, periods or spaces.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Phone", "Cellphone", "phone_number")]
        [ValidatePhoneNumber]
        public string PhoneNumber { get; set; } = string.Empty;

        /// <summary>The calling code, 1-999 (1 for the US and Canada, 44 for the UK).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("country_code")]
        [WholeNumber]
        [ValidateRange(1, 999)]
        [ArgumentCompleter(typeof(CountryCodeCompleter))]
        public int CountryCode { get; set; }
    }
}
