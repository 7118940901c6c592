using System.Security;

namespace Authy.Verify.Models;

/// <summary>
/// A TOTP or push factor (New-/Get-/Confirm-/Remove-TwilioVerifyFactor; docs/api/verify.md §4.5), flat so that
/// Export-Csv keeps every setting. Identity and Sid pipe into the other factor cmdlets by property name.
/// </summary>
public sealed class TwilioVerifyFactor : TwilioServiceResource
{
    /// <summary>The factor's <c>YF…</c> SID.</summary>
    public string Sid { get; set; } = string.Empty;

    /// <summary>The entity the factor belongs to.</summary>
    public string Identity { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    /// <summary><c>totp</c>, <c>push</c> or <c>passkeys</c>.</summary>
    public string FactorType { get; set; } = string.Empty;

    /// <summary><c>unverified</c> until the first correct code (or the device's first signature), then <c>verified</c>.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>TOTP only: <c>sha1</c>, <c>sha256</c> or <c>sha512</c>.</summary>
    public string? Algorithm { get; set; }

    /// <summary>TOTP only: seconds each code is valid for (20-60).</summary>
    public int? TimeStep { get; set; }

    /// <summary>TOTP only: digits per code (3-8).</summary>
    public int? CodeLength { get; set; }

    /// <summary>TOTP only: how many time steps before and after now are also accepted (0-2).</summary>
    public int? Skew { get; set; }

    /// <summary>Push only: the app the factor was enrolled from, and where its notifications go.</summary>
    public string? AppId { get; set; }

    public string? NotificationPlatform { get; set; }

    /// <summary>
    /// TOTP only, and only on the object New-TwilioVerifyFactor returns: the shared secret (Base32), which Twilio
    /// never shows again. Hidden like <see cref="Authy.Models.AuthyTotpSecret.Secret"/>: <c>$f.Secret</c> works,
    /// but Export-Csv, Format-List * and Get-Member skip it.
    /// </summary>
    [Hidden]
    public SecureString? Secret { get; set; }

    /// <summary>
    /// TOTP only, and only on the object New-TwilioVerifyFactor returns: the <c>otpauth://</c> enrolment URI, which
    /// carries the secret, so it is a SecureString too (render it with New-TwilioVerifyFactor -QrCode, or
    /// ConvertFrom-SecureString -AsPlainText when a tool needs the text).
    /// </summary>
    [Hidden]
    public SecureString? BindingUri { get; set; }

    public string? EntitySid { get; set; }

    public override string ToString() => Sid;
}
