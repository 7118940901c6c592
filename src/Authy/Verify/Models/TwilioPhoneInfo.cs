namespace Authy.Verify.Models;

/// <summary>
/// What Lookup v2 knows of a number (Get-TwilioPhoneInfo; docs/api/verify.md §4.12). An invalid number is an answer,
/// Valid false with its ValidationErrors, not an error. The package fields are null unless asked for with -Fields.
/// </summary>
public sealed class TwilioPhoneInfo
{
    // A list and a dictionary that write themselves as ';'-joined text: Export-Csv writes a property with its
    // ToString(), and a plain array or dictionary would land in the CSV as its type name.
    private AuthyList<string> validationErrors = AuthyList.Empty<string>();
    private AuthyDetails packages = AuthyDetails.From(new Dictionary<string, string>())!;

    /// <summary>E.164 for a valid number; the input echoed for an invalid one.</summary>
    public string PhoneNumber { get; set; } = string.Empty;

    public bool Valid { get; set; }

    /// <summary><c>TOO_SHORT</c>, <c>TOO_LONG</c>, <c>INVALID_BUT_POSSIBLE</c>, <c>INVALID_COUNTRY_CODE</c>, <c>INVALID_LENGTH</c>, <c>NOT_A_NUMBER</c>.</summary>
    public IReadOnlyList<string> ValidationErrors { get => validationErrors; set => validationErrors = AuthyList.From(value); }

    /// <summary>ISO 3166 alpha-2 (<c>US</c>).</summary>
    public string? CountryCode { get; set; }

    /// <summary>The calling code (<c>1</c>).</summary>
    public string? CallingCountryCode { get; set; }

    /// <summary>The number as written in its country: <c>(415) 992-9960</c>.</summary>
    public string? NationalFormat { get; set; }

    /// <summary>line_type_intelligence: <c>mobile</c>, <c>landline</c>, <c>nonFixedVoip</c>, <c>tollFree</c> and so on.</summary>
    public string? LineType { get; set; }

    /// <summary>line_type_intelligence: the carrier.</summary>
    public string? Carrier { get; set; }

    /// <summary>caller_name: the registered name (US).</summary>
    public string? CallerName { get; set; }

    /// <summary>caller_name: <c>CONSUMER</c> or <c>BUSINESS</c>.</summary>
    public string? CallerType { get; set; }

    /// <summary>line_status: <c>active</c> or <c>inactive</c>.</summary>
    public string? LineStatus { get; set; }

    /// <summary>The packages asked for with -Fields, each as Lookup sent it (JSON text), for the fields not surfaced above.</summary>
    public IReadOnlyDictionary<string, string> Packages { get => packages; set => packages = AuthyDetails.From(value ?? new Dictionary<string, string>())!; }

    public override string ToString() => PhoneNumber + (Valid ? string.Empty : " (invalid)");
}
