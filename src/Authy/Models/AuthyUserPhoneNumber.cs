namespace Authy.Models;

/// <summary>
/// A user's phone number as Authy's migration export gives it (Export-AuthyUserPhoneNumber, docs/api/verify.md §7.3),
/// for moving users without an exportable TOTP seed to Verify's SMS or voice codes.
/// </summary>
public sealed class AuthyUserPhoneNumber
{
    public long AuthyId { get; set; }

    /// <summary>The national number as Authy formats it, e.g. <c>444-555-6666</c>; kept as text (leading zeros matter).</summary>
    public string PhoneNumber { get; set; } = string.Empty;

    public int CountryCode { get; set; }

    /// <summary>The number in E.164 (<c>+14445556666</c>), the form Send-TwilioVerification takes.</summary>
    public string? E164 { get; set; }

    /// <summary>When Authy last saw the number change; null when it did not say.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public override string ToString() => E164 ?? PhoneNumber;
}
