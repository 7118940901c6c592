namespace Authy.Verify.Models;

/// <summary>
/// The answer to a code check (Test-TwilioVerification -Detailed; docs/api/verify.md §4.3). A wrong code is
/// <c>pending</c> with Valid false, not an error; the right one is <c>approved</c>.
/// </summary>
public sealed class TwilioVerificationCheck
{
    /// <summary>The verification's <c>VE…</c> SID.</summary>
    public string Sid { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public string? Channel { get; set; }

    /// <summary><c>approved</c> for the right code, <c>pending</c> for a wrong one.</summary>
    public string Status { get; set; } = string.Empty;

    public bool Valid { get; set; }

    public string? Amount { get; set; }

    public string? Payee { get; set; }

    public string? ServiceSid { get; set; }

    public DateTimeOffset? DateCreated { get; set; }

    public DateTimeOffset? DateUpdated { get; set; }

    public override string ToString() => Sid + " " + Status;
}
