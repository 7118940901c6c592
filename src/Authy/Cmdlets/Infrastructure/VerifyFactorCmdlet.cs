namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the cmdlets that act on one existing factor of an entity (Remove-TwilioVerifyFactor, and through
/// <see cref="TotpCodeCmdlet"/> Confirm-TwilioVerifyFactor and Test-TwilioVerifyTotp): -FactorSid and the check that
/// each record names both an identity and a factor, written once so the three refuse a row in the same words.
/// </summary>
public abstract class VerifyFactorCmdlet : VerifyIdentityCmdlet
{
    /// <summary>The factor: YF and 32 hexadecimal digits.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("factor_sid", "Sid")]
    public string? FactorSid { get; set; }

    /// <summary>The current record's factor SID, once <see cref="ResolveRecord"/> has accepted it.</summary>
    protected string CurrentFactorSid { get; private set; } = string.Empty;

    protected override bool ResolveRecord()
    {
        CurrentFactorSid = string.Empty;
        if (!ReadIdentity(required: true))
        {
            return false;
        }

        CurrentFactorSid = ReadFactorSid(FactorSid, required: true, out var ok) ?? string.Empty;
        return ok;
    }
}
