namespace Authy.Verify.Models;

/// <summary>
/// A Verify entity (Get-/New-/Remove-TwilioVerifyEntity; docs/api/verify.md §4.4): the person behind TOTP and push
/// factors, addressed by the identity you chose rather than by its <c>YE…</c> SID.
/// </summary>
public sealed class TwilioVerifyEntity : TwilioServiceResource
{
    /// <summary>The 8-64 character identity (letters, digits and dashes) the entity is addressed by.</summary>
    public string Identity { get; set; } = string.Empty;

    /// <summary>The entity's <c>YE…</c> SID.</summary>
    public string Sid { get; set; } = string.Empty;

    public override string ToString() => Identity;
}
