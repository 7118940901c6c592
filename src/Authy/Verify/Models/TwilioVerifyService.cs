namespace Authy.Verify.Models;

/// <summary>
/// A Verify service (Get-/New-/Set-TwilioVerifyService; docs/api/verify.md §4.1): its name, code length and TOTP
/// settings, flat so that Export-Csv keeps every one. The TOTP values are null until set (Twilio then applies
/// issuer = FriendlyName, time step 30, code length 6, skew 1).
/// </summary>
public sealed class TwilioVerifyService : TwilioResource
{
    /// <summary>The service's <c>VA…</c> SID.</summary>
    public string Sid { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    /// <summary>Length of the one-time codes sent by SMS, call, e-mail or WhatsApp (4-10).</summary>
    public int? CodeLength { get; set; }

    public string? TotpIssuer { get; set; }

    public int? TotpTimeStep { get; set; }

    public int? TotpCodeLength { get; set; }

    public int? TotpSkew { get; set; }

    public bool LookupEnabled { get; set; }

    public bool Psd2Enabled { get; set; }

    public bool CustomCodeEnabled { get; set; }

    public bool DoNotShareWarningEnabled { get; set; }

    public override string ToString() => Sid + " " + FriendlyName;
}
