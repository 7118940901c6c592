using Authy.Verify;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of New-/Set-TwilioVerifyService: the service settings (docs/api/verify.md §4.1) with Twilio's ranges checked
/// before any request, and the friendly name held to the free-text rules.
/// </summary>
public abstract class VerifyServiceCmdlet : VerifyPipelineCmdlet
{
    /// <summary>Up to 30 characters: letters, digits (at most 4), spaces, dashes, underscores.</summary>
    public abstract string? FriendlyName { get; set; }

    /// <summary>Length of the codes sent by SMS, call, e-mail and WhatsApp, 4 to 10 (Twilio's default 6).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(4, 10)]
    public int? CodeLength { get; set; }

    /// <summary>The issuer authenticator apps show for TOTP factors (default: the friendly name).</summary>
    [Parameter]
    public string? TotpIssuer { get; set; }

    /// <summary>Seconds per TOTP code, 20 to 60 (default 30).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(TotpRules.MinTimeStep, TotpRules.MaxTimeStep)]
    public int? TotpTimeStep { get; set; }

    /// <summary>Digits per TOTP code, 3 to 8 (default 6).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(TotpRules.MinCodeLength, TotpRules.MaxCodeLength)]
    public int? TotpCodeLength { get; set; }

    /// <summary>Time steps either side that still count, 0 to 2 (default 1).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(TotpRules.MinSkew, TotpRules.MaxSkew)]
    public int? TotpSkew { get; set; }

    /// <summary>The settings to send, or null (with the record's error written) when a text cannot be sent.</summary>
    protected VerifyApi.ServiceSettings? ReadSettings()
    {
        var name = string.IsNullOrWhiteSpace(FriendlyName) ? null : FriendlyName!.Trim();
        var issuer = string.IsNullOrWhiteSpace(TotpIssuer) ? null : TotpIssuer!.Trim();
        var problem = (name == null ? null : TextRules.Text("-FriendlyName", name, 30, multiline: false))
            ?? (issuer == null ? null : TextRules.Text("-TotpIssuer", issuer, 64, multiline: false));
        if (problem != null)
        {
            WriteInvalidValue("InvalidText", problem, name ?? issuer);
            return null;
        }

        return new VerifyApi.ServiceSettings
        {
            FriendlyName = name,
            CodeLength = CodeLength,
            TotpIssuer = issuer,
            TotpTimeStep = TotpTimeStep,
            TotpCodeLength = TotpCodeLength,
            TotpSkew = TotpSkew,
        };
    }
}
