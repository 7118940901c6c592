using Authy.Session;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the entity, factor and TOTP cmdlets: the person is addressed by the <c>-Identity</c> you chose
/// (docs/api/verify.md §4.4), and a factor by its <c>YF…</c> SID. Both bind by property name, so a CSV with Identity
/// and FactorSid columns, or the objects New-/Get-TwilioVerifyFactor write, pipe straight in. Each record's values
/// are checked here, before any request, and a bad one is that record's error. Not by validation attributes:
/// a piped row would then get PowerShell's generic binding error instead of one that names the rule.
/// </summary>
public abstract class VerifyIdentityCmdlet : VerifyPipelineCmdlet
{
    internal static readonly string[] IdentityNames = { "Identity", "EntityIdentity", "entity_identity", "UserIdentity" };

    // factor_sid before Sid: in a row of challenges (Twilio's own column names) sid is the challenge's YC SID.
    internal static readonly string[] FactorSidNames = { "FactorSid", "factor_sid", "Sid" };

    /// <summary>The entity: 8-64 letters and digits in dash-separated groups, such as a GUID.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("EntityIdentity", "entity_identity")]
    public string? Identity { get; set; }

    /// <summary>The current record's identity, once <see cref="ReadIdentity"/> has accepted it.</summary>
    protected string CurrentIdentity { get; private set; } = string.Empty;

    /// <summary>What the current record's outcome and errors name: the piped record, else the identity.</summary>
    protected object? RecordTarget => TargetFor(Identity);

    /// <summary>
    /// Reads and checks the current record's identity; false (with the record's error written) when it is
    /// missing while <paramref name="required"/>, or malformed. A missing optional one leaves it empty.
    /// </summary>
    protected bool ReadIdentity(bool required)
    {
        CurrentIdentity = string.Empty;
        if (!required && FromRecord(Identity, IdentityNames) == null)
        {
            return true;
        }

        var text = ReadRequired(Identity, IdentityNames, "identity", nameof(Identity), "InvalidIdentity", TotpRules.Identity);
        CurrentIdentity = text ?? string.Empty;
        return text != null;
    }

    /// <summary>
    /// Whether <paramref name="value"/> came from a piped entity (or a CSV row of one): its Sid column is the entity's
    /// own YE SID, which names no factor or challenge, so the list cmdlets read the record as the whole identity.
    /// </summary>
    protected bool IsPipedEntitySid(object? value) =>
        value != null && InputObject != null && VerifySession.CheckSid(InputRules.TrimBlanks(Text(value)), "YE", "entity SID") == null;

    /// <summary>
    /// Reads and checks a factor SID (YF and 32 hexadecimal digits) from the bound value or the record's
    /// FactorSid/Sid column. A piped record's YE SID is an entity's own, not a factor's: it is ignored, so
    /// <c>Get-TwilioVerifyEntity | Get-TwilioVerifyFactor</c> (or a CSV of entities) lists each entity's factors. Null when absent
    /// (with the error written when <paramref name="required"/>) or malformed (error written; <paramref name="ok"/> false).
    /// </summary>
    protected string? ReadFactorSid(string? bound, bool required, out bool ok)
    {
        ok = true;
        var value = FromRecord(bound, FactorSidNames);
        if (IsPipedEntitySid(value))
        {
            if (required)
            {
                WriteInvalidValue("InvalidFactorSid", $"'{InputRules.Shorten(Text(value!))}' is the entity's own SID (YE…), not a factor's: pipe the entity's factors (Get-TwilioVerifyFactor) instead, or give -FactorSid.", value);
                ok = false;
            }

            return null;
        }

        if (value == null)
        {
            if (required)
            {
                WriteMissing("factor SID", "FactorSid", FactorSidNames);
                ok = false;
            }

            return null;
        }

        var text = InputRules.TrimBlanks(Text(value));
        var problem = VerifySession.CheckSid(text, "YF", "factor SID");
        if (problem != null)
        {
            WriteInvalidValue("InvalidFactorSid", problem, value);
            ok = false;
            return null;
        }

        return text;
    }
}
