namespace Authy.Models;

/// <summary>
/// A started phone verification (Start-AuthyPhoneVerification; docs/api/authy.md §2.15): where the code went,
/// what Authy knows of the line, and how long the code stays valid.
/// </summary>
public sealed class AuthyPhoneVerification
{
    /// <summary>Identifies the verification for Get-AuthyPhoneVerificationStatus -Uuid; null from the old sandbox.</summary>
    public string? Uuid { get; set; }

    /// <summary>The number as given, so the object pipes into Test-AuthyPhoneVerification by property name.</summary>
    public string PhoneNumber { get; set; } = string.Empty;

    public int CountryCode { get; set; }

    /// <summary>The number in E.164 (<c>+447700900123</c>): what was sent, in the form Twilio Verify and reports use.</summary>
    public string? E164 => Phones.E164Text.From(CountryCode, PhoneNumber);

    /// <summary><c>sms</c> or <c>call</c>.</summary>
    public string Via { get; set; } = "sms";

    /// <summary>May be null: "for some regions we are unable to return carrier and cellphone data" (2.15).</summary>
    public string? Carrier { get; set; }

    /// <summary>Null when Authy did not say.</summary>
    public bool? IsCellphone { get; set; }

    /// <summary>Null when Authy did not say: <c>is_ported</c> is only sometimes present (2.15).</summary>
    public bool? IsPorted { get; set; }

    /// <summary>Seconds the code stays valid (about 600); a repeated start inside the window counts down the same code.</summary>
    public int SecondsToExpire { get; set; }

    /// <summary>Sent back only for custom codes (2.15).</summary>
    public string? SmsId { get; set; }

    /// <summary>The API's message, e.g. <c>Text message sent to +1 987-654-3210.</c></summary>
    public string? Message { get; set; }

    public override string ToString() => Uuid ?? ("+" + CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + PhoneNumber);
}
