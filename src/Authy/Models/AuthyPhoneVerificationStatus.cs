namespace Authy.Models;

/// <summary>Where a phone verification stands (Get-AuthyPhoneVerificationStatus; docs/api/authy.md §2.17).</summary>
public sealed class AuthyPhoneVerificationStatus
{
    /// <summary>Set when the status was asked by uuid.</summary>
    public string? Uuid { get; set; }

    /// <summary>Set when the status was asked by phone number.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>Set when the status was asked by phone number.</summary>
    public int? CountryCode { get; set; }

    /// <summary>The number in E.164 (<c>+447700900123</c>): what was sent, in the form Twilio Verify and reports use.</summary>
    public string? E164 => Phones.E164Text.From(CountryCode, PhoneNumber);

    /// <summary><c>pending</c>, <c>verified</c> or <c>expired</c>.</summary>
    public string? Status { get; set; }

    public int SecondsToExpire { get; set; }

    public string? Message { get; set; }

    public override string ToString() => Status ?? string.Empty;
}
