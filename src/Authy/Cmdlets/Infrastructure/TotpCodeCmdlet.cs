namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the cmdlets that check a code from the authenticator app against a TOTP factor
/// (Confirm-TwilioVerifyFactor, Test-TwilioVerifyTotp): -Code, the columns it may come from, and its check.
/// </summary>
public abstract class TotpCodeCmdlet : VerifyFactorCmdlet
{
    /// <summary>The columns of a piped record a code is read from.</summary>
    internal static readonly string[] CodeNames = { "Code", "Token", "Totp", "AuthPayload", "otp" };

    /// <summary>The code the authenticator app shows: 3-8 digits, as text so leading zeros count.</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("Token", "Totp", "AuthPayload")]
    public string? Code { get; set; }

    /// <summary>The current record's TOTP code, once <see cref="ResolveRecord"/> has accepted it.</summary>
    protected string CurrentCode { get; private set; } = string.Empty;

    /// <summary>The identity and factor (the base's checks), then the code: 3-8 digits, kept as text for its leading zeros.</summary>
    protected override bool ResolveRecord()
    {
        CurrentCode = string.Empty;
        if (!base.ResolveRecord())
        {
            return false;
        }

        var code = ReadRequired(Code, CodeNames, "code", nameof(Code), "InvalidCode", TotpRules.Code);
        CurrentCode = code == null ? string.Empty : TotpRules.CodeDigits(code);
        return CurrentCode.Length > 0;
    }
}
