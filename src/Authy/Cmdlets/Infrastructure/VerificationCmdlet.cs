using System;
using System.Management.Automation;
using Authy.Session;
using Authy.Validation;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that address one existing verification (Test-, Get-, Stop-TwilioVerification): by its
    /// <c>VE…</c> SID, or by the To of the pending one (an E.164 number, a national -PhoneNumber with
    /// -CountryCode, or an e-mail address). The output of Send-TwilioVerification binds by property name.
    /// </summary>
    public abstract class VerificationCmdlet : VerifyPipelineCmdlet
    {
        private static readonly string[] SidNames = { "VerificationSid", "Sid", "verification_sid" };

        /// <summary>The verification's SID (<c>VE…</c>), as Send-TwilioVerification wrote it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Sid", "verification_sid")]
        public string? VerificationSid { get; set; }

        /// <summary>The number (E.164) or e-mail address the code went to, for the pending verification there.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("E164")]
        public string? To { get; set; }

        /// <summary>The number as people write it, national with -CountryCode or international; instead of -To.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Phone", "Cellphone", "phone_number", "Mobile", "Cell", "Telephone", "Phone Number", "Mobile Phone")]
        public string? PhoneNumber { get; set; }

        /// <summary>The country of a national -PhoneNumber: a calling code (<c>1</c>, <c>+44</c>) or an ISO code (<c>US</c>, <c>GB</c>).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("country_code", "Country Code", "Country", "Country/Region")]
        [ArgumentCompleter(typeof(CountryCodeCompleter))]
        public string? CountryCode { get; set; }

        /// <summary>The current record's SID, when it named one.</summary>
        protected string? Sid { get; private set; }

        /// <summary>The current record's To (E.164 or e-mail), when it named no SID.</summary>
        protected string? Recipient { get; private set; }

        /// <summary>The SID, else the To: what the path of a fetch or update takes (verify-api.md 4.2).</summary>
        protected string Target => Sid ?? Recipient ?? string.Empty;

        /// <summary>What the current record's errors name.</summary>
        protected object? RecordTarget => TargetFor((object?)VerificationSid ?? To ?? PhoneNumber);

        protected override bool ResolveRecord()
        {
            Sid = null;
            Recipient = null;
            var sid = FromRecord(VerificationSid, SidNames);
            if (sid != null)
            {
                var text = InputRules.TrimBlanks(Text(sid));
                var problem = VerifySession.CheckSid(text, "VE", "verification SID");
                if (problem != null)
                {
                    WriteInvalidValue("InvalidVerificationSid", problem, sid);
                    return false;
                }

                Sid = text;
                return true;
            }

            var to = FromRecord(To, SendTwilioVerificationNames.To);
            string phone;
            if (to != null)
            {
                phone = InputRules.TrimBlanks(Text(to));
                if (phone.IndexOf('@') >= 0)
                {
                    var problem = InputRules.Email(phone);
                    if (problem != null)
                    {
                        WriteInvalidValue("InvalidEmail", problem, to);
                        return false;
                    }

                    Recipient = phone;
                    return true;
                }
            }
            else
            {
                var number = FromRecord(PhoneNumber, ColumnNames.PhoneNumber);
                if (number == null)
                {
                    WriteMissing("verification SID or number", nameof(VerificationSid), SidNames);
                    return false;
                }

                phone = Text(number);
            }

            var normalized = ReadPhoneNumber(phone, FromRecord(CountryCode, ColumnNames.CountryCode), nameof(CountryCode));
            if (normalized == null)
            {
                return false;
            }

            Recipient = normalized.E164;
            return true;
        }

        protected static string Text(object value) =>
            Convert.ToString(value is PSObject wrapped ? wrapped.BaseObject : value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>Column names of a verification's recipient.</summary>
    internal static class SendTwilioVerificationNames
    {
        public static readonly string[] To = { "To", "E164" };
    }
}
