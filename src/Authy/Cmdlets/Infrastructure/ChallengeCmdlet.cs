using Authy.Session;

namespace Authy.Cmdlets.Infrastructure;

/// <summary>
/// Base of the push challenge cmdlets (New-, Get-, Wait-TwilioVerifyChallenge): the entity's -Identity comes from
/// <see cref="VerifyIdentityCmdlet"/>; this adds the SID checks with messages that say which kind of SID was given instead.
/// </summary>
public abstract class ChallengeCmdlet : VerifyIdentityCmdlet
{
    /// <summary>The columns of a piped record a challenge SID is read from (Get- and Wait-TwilioVerifyChallenge).</summary>
    internal static readonly string[] ChallengeSidNames = { "ChallengeSid", "challenge_sid", "Sid" };

    /// <summary>
    /// The current record's identity (required) and then the SID it must name, from <paramref name="bound"/> or the
    /// record's <paramref name="names"/> columns: the SID checked by <see cref="ReadSid"/>, or null with the record's
    /// error written (missing, malformed, or of the other kind).
    /// </summary>
    protected string? ReadIdentityAndSid(string? bound, string[] names, string parameter, string prefix, string what, string errorId)
    {
        if (!ReadIdentity(required: true))
        {
            return null;
        }

        var value = FromRecord(bound, names);
        if (value == null)
        {
            WriteMissing(what, parameter, names);
            return null;
        }

        return ReadSid(value, prefix, what, errorId);
    }

    /// <summary>
    /// A <c>YF…</c> or <c>YC…</c> SID as text, or null with the record's error written; a SID of the other kind
    /// gets a message that says so (a challenge piped where a factor is expected, say).
    /// </summary>
    protected string? ReadSid(object value, string prefix, string what, string errorId)
    {
        var sid = InputRules.TrimBlanks(Text(value));
        var problem = VerifySession.CheckSid(sid, prefix, what);
        if (problem != null)
        {
            if (sid.StartsWith("YC", System.StringComparison.OrdinalIgnoreCase) && prefix == "YF")
            {
                problem = $"'{InputRules.Shorten(sid)}' is a challenge SID; give the factor's SID (YF…), e.g. the FactorSid of the challenge.";
            }
            else if (sid.StartsWith("YF", System.StringComparison.OrdinalIgnoreCase) && prefix == "YC")
            {
                problem = $"'{InputRules.Shorten(sid)}' is a factor SID; give the challenge's SID (YC…), or -FactorSid to list that factor's challenges.";
            }

            WriteInvalidValue(errorId, problem, value);
            return null;
        }

        return sid;
    }
}
