using System.Text.RegularExpressions;
using Authy.Verify;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Get-TwilioPhoneInfo: what Twilio Lookup v2 knows of a number, one lookup per input record (GET
/// /v2/PhoneNumbers/{number}; docs/api/verify.md §4.12). An invalid number is Valid false with its validation errors,
/// not an error, so a CSV can be screened before a bulk send.
/// </summary>
[Cmdlet(VerbsCommon.Get, "TwilioPhoneInfo")]
[OutputType(typeof(TwilioPhoneInfo))]
public sealed class GetTwilioPhoneInfoCommand : VerifyPipelineCmdlet
{
    private static readonly IReadOnlyList<string> PhoneNames = new[] { "To", "E164" }.Concat(ColumnNames.PhoneNumber).ToArray();
    private static readonly Regex Iso = new Regex(@"\A[A-Za-z]{2}\z", RegexOptions.CultureInvariant);
    private static readonly Regex CallingCode = new Regex(@"\A(\+|00)?[0-9]{1,3}\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// The number: E.164 (<c>+14155550100</c>), or national with -CountryCode. A piped record's To or E164 column
    /// is read too (by the record resolution, since the aliases here are the shared column table's).
    /// </summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Phone", "Cellphone", "phone_number", "Mobile", "Cell", "Telephone", "Phone Number", "Mobile Phone")]
    public string? PhoneNumber { get; set; }

    /// <summary>The country of a national number: an ISO code (<c>US</c>, <c>GB</c>) or a calling code (<c>1</c>, <c>+44</c>).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("country_code", "Country Code", "Country", "Country/Region")]
    [ArgumentCompleter(typeof(CountryCodeCompleter))]
    public string? CountryCode { get; set; }

    /// <summary>Data packages to add: <c>line_type_intelligence</c>, <c>caller_name</c>, <c>line_status</c> and the others Lookup v2 serves.</summary>
    [Parameter]
    [ValidateSet("validation", "caller_name", "sim_swap", "call_forwarding", "line_status", "line_type_intelligence", "identity_match", "reassigned_number", "sms_pumping_risk", "phone_number_quality_score", "pre_fill")]
    public string[]? Fields { get; set; }

    private string _number = string.Empty;
    private string? _country;

    protected override bool ResolveRecord()
    {
        var phone = FromRecord(PhoneNumber, PhoneNames);
        if (phone == null)
        {
            WriteMissing("phone number", nameof(PhoneNumber), ColumnNames.PhoneNumber);
            return false;
        }

        var text = InputRules.TrimBlanks(Convert.ToString(phone is PSObject wrapped ? wrapped.BaseObject : phone, CultureInfo.InvariantCulture) ?? string.Empty);
        // Only what a phone number is written with: Lookup judges the rest (an invalid number is an answer),
        // but nothing that could change the request's path or query.
        var digits = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (character >= '0' && character <= '9')
            {
                digits.Append(character);
            }
            else if (character == '+' && digits.Length == 0 && i == 0)
            {
                digits.Append(character);
            }
            else if (character != ' ' && character != '-' && character != '.' && character != '(' && character != ')')
            {
                WriteInvalidValue("InvalidPhoneNumber", $"'{InputRules.Shorten(text)}' is not a phone number: use digits, with a leading + and the country code, grouped by spaces, dashes, dots or parentheses if you like.", phone);
                return false;
            }
        }

        if (digits.Length == 0 || digits.ToString() == "+" || digits.Length > 20)
        {
            WriteInvalidValue("InvalidPhoneNumber", $"'{InputRules.Shorten(text)}' is not a phone number: it has {(digits.Length == 0 ? "no" : "too many")} digits.", phone);
            return false;
        }

        var number = digits.ToString();
        string? iso = null;
        var country = FromRecord(CountryCode, ColumnNames.CountryCode);
        if (country != null && number[0] != '+')
        {
            var countryText = InputRules.TrimBlanks(Convert.ToString(country is PSObject boxed ? boxed.BaseObject : country, CultureInfo.InvariantCulture) ?? string.Empty);
            if (Iso.IsMatch(countryText))
            {
                iso = countryText.ToUpperInvariant();
            }
            else if (CallingCode.IsMatch(countryText))
            {
                number = "+" + countryText.TrimStart('+').TrimStart('0') + number;
            }
            else
            {
                WriteInvalidValue("InvalidCountryCode", $"'{InputRules.Shorten(countryText)}' is not a country: give an ISO code such as US or GB, or a calling code such as 1 or +44.", country);
                return false;
            }
        }

        _number = number;
        _country = iso;
        return true;
    }

    protected override void ProcessInput()
    {
        // Captured now: the next record rebinds the properties while this call is still in flight.
        var number = _number;
        var country = _country;
        var fields = Fields?.Select(field => field.ToLowerInvariant()).Distinct().ToArray();
        Enqueue(TargetFor(PhoneNumber), (log, cancellationToken) => VerifySession.Lookup.LookupAsync(number, country, fields, log, cancellationToken));
    }
}
