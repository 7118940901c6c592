namespace Authy.Models;

/// <summary>The outcome of checking a phone verification code (Test-AuthyPhoneVerification -Detailed; docs/api/authy.md §2.16).</summary>
public sealed class AuthyPhoneVerificationCheck
{
    public string PhoneNumber { get; set; } = string.Empty;

    public int CountryCode { get; set; }

    /// <summary>The number in E.164 (<c>+447700900123</c>): what was sent, in the form Twilio Verify and reports use.</summary>
    public string? E164 => Phones.E164Text.From(CountryCode, PhoneNumber);

    /// <summary>True only for HTTP 200 with success; a wrong code (401/60022) is false.</summary>
    public bool IsValid { get; set; }

    /// <summary>The API's message, e.g. <c>Verification code is correct.</c> or <c>Verification code is incorrect</c>.</summary>
    public string? Message { get; set; }

    /// <summary><c>60022</c> for a wrong code; null when the code was right.</summary>
    public string? ErrorCode { get; set; }

    public override string ToString() => IsValid ? "True" : "False";
}
