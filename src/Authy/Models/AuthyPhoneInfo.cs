namespace Authy.Models;

/// <summary>What Authy's Phone Intelligence knows of a number (Get-AuthyPhoneInfo; docs/api/authy.md §2.18).</summary>
public sealed class AuthyPhoneInfo
{
    public string PhoneNumber { get; set; } = string.Empty;

    public int CountryCode { get; set; }

    /// <summary>The number in E.164 (<c>+447700900123</c>): what was sent, in the form Twilio Verify and reports use.</summary>
    public string? E164 => Phones.E164Text.From(CountryCode, PhoneNumber);

    /// <summary>
    /// <c>voip</c>, <c>landline</c>, <c>cellphone</c> or <c>unknown</c>. Kept as text, so a type Authy adds
    /// later still shows instead of failing to parse.
    /// </summary>
    public string Type { get; set; } = "unknown";

    /// <summary>The carrier; may be absent or null (2.18).</summary>
    public string? Provider { get; set; }

    /// <summary>From the API's <c>ported</c> field; null when Authy did not say.</summary>
    public bool? IsPorted { get; set; }

    /// <summary>E.g. <c>Phone number information as of 2017-11-25 23:21:39 UTC</c>.</summary>
    public string? Message { get; set; }

    public override string ToString() => Type;
}
