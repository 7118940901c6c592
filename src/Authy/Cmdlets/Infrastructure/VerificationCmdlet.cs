using Authy.Session;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the cmdlets that address one existing verification (Test-, Get-, Stop-TwilioVerification): by its
/// <c>VE…</c> SID, or by the To of the pending one (an E.164 number, a national -PhoneNumber with
/// -CountryCode, or an e-mail address). The output of Send-TwilioVerification binds by property name.
/// </summary>
public abstract class VerificationCmdlet : VerifyRecipientCmdlet
{
    private static readonly string[] SidNames = { "VerificationSid", "Sid", "verification_sid" };

    /// <summary>The verification's SID (<c>VE…</c>), as Send-TwilioVerification wrote it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Sid", "verification_sid")]
    public string? VerificationSid { get; set; }

    /// <summary>The current record's SID, when it named one.</summary>
    protected string? Sid { get; private set; }

    /// <summary>The current record's To (E.164 or e-mail), when it named no SID.</summary>
    protected string? Recipient { get; private set; }

    /// <summary>The SID, else the To: what the path of a fetch or update takes (docs/api/verify.md §4.2).</summary>
    protected string Target => Sid ?? Recipient ?? string.Empty;

    /// <summary>What the current record's errors name.</summary>
    protected object? RecordTarget => TargetFor((object?)VerificationSid ?? To ?? PhoneNumber);

    protected override bool ResolveRecord()
    {
        Sid = null;
        Recipient = null;
        // A bare VE… piped in is a verification SID; any other bare value is the recipient (ReadTo).
        var sid = FromRecord(VerificationSid, SidNames)
            ?? (PipedValue is { } piped && VerifySession.CheckSid(InputRules.TrimBlanks(Text(piped)), "VE", "verification SID") == null ? piped : null);
        if (sid != null)
        {
            var text = InputRules.TrimBlanks(Text(sid));
            var problem = VerifySession.CheckSid(text, "VE", "verification SID");
            if (problem != null)
            {
                WriteInvalidValue("InvalidVerificationSid", problem, sid);
                return false;
            }

            Sid = text;
            return true;
        }

        var to = ReadTo();
        string phone;
        if (to != null)
        {
            phone = InputRules.TrimBlanks(Text(to));
            if (phone.IndexOf('@') >= 0)
            {
                var problem = InputRules.Email(phone);
                if (problem != null)
                {
                    WriteInvalidValue("InvalidEmail", problem, to);
                    return false;
                }

                Recipient = phone;
                return true;
            }
        }
        else
        {
            var number = FromRecord(PhoneNumber, ColumnNames.PhoneNumber);
            if (number == null)
            {
                WriteMissing("verification SID or number", nameof(VerificationSid), SidNames.Concat(RecipientNames).ToArray());
                return false;
            }

            phone = Text(number);
        }

        var e164 = E164Of(phone);
        if (e164 == null)
        {
            return false;
        }

        Recipient = e164;
        return true;
    }
}

/// <summary>Column names of a verification's recipient.</summary>
internal static class SendTwilioVerificationNames
{
    public static readonly string[] To = { "To", "E164" };
}
