using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Get-TwilioVerifyChallenge: one challenge by its SID (GET …/Entities/{Identity}/Challenges/{YC}), or an identity's
/// challenges (GET …/Challenges, every page, streamed: the next page is fetched only when the pipeline asks for more,
/// so Select-Object -First stops the paging), filtered by -Status and -FactorSid on Twilio's side (docs/api/verify.md §4.6).
/// A challenge piped in is fetched again (its current status); a factor piped in lists that factor's challenges.
/// </summary>
[Cmdlet(VerbsCommon.Get, "TwilioVerifyChallenge")]
[OutputType(typeof(TwilioVerifyChallenge))]
public sealed class GetTwilioVerifyChallengeCommand : ChallengeCmdlet
{
    /// <summary>The challenge to fetch (<c>YC…</c>); without it, the identity's challenges are listed.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Sid", "challenge_sid")]
    public string? ChallengeSid { get; set; }

    /// <summary>List only the challenges of this factor (<c>YF…</c>).</summary>
    [Parameter]
    public string? FactorSid { get; set; }

    /// <summary>List only the challenges in this state.</summary>
    [Parameter]
    [ValidateSet("pending", "approved", "denied", "expired")]
    public string? Status { get; set; }

    /// <summary>List the newest challenges first (Twilio's default is oldest first).</summary>
    [Parameter]
    public SwitchParameter NewestFirst { get; set; }

    /// <summary>Challenges per page when listing, 1 to 1000 (Twilio's default is 50).</summary>
    [Parameter]
    [WholeNumber]
    [ValidateRange(1, 1000)]
    public int? PageSize { get; set; }

    private string? _challengeSid;
    private string? _factorSid;

    protected override bool ResolveRecord()
    {
        _challengeSid = null;
        _factorSid = null;
        if (!ReadIdentity(required: true))
        {
            return false;
        }

        if (FactorSid != null)
        {
            _factorSid = ReadSid(FactorSid, "YF", "factor SID", "InvalidFactorSid");
            if (_factorSid == null)
            {
                return false;
            }
        }

        var sid = FromRecord(ChallengeSid, ChallengeSidNames);
        if (sid == null || IsPipedEntitySid(sid))
        {
            // No SID, or a piped entity's own: the identity's challenges.
            return true;
        }

        // A factor piped in (its Sid is YF…) asks for that factor's challenges.
        var text = Text(sid).Trim();
        if (_factorSid == null && text.StartsWith("YF", System.StringComparison.Ordinal))
        {
            _factorSid = ReadSid(sid, "YF", "factor SID", "InvalidFactorSid");
            return _factorSid != null;
        }

        _challengeSid = ReadSid(sid, "YC", "challenge SID", "InvalidChallengeSid");
        if (_challengeSid == null)
        {
            return false;
        }

        if (Status != null || FactorSid != null || NewestFirst.IsPresent || PageSize.HasValue)
        {
            // A filter would be silently ignored by a fetch: say so instead of writing a challenge that does not match.
            WriteInvalidValue(
                "FilterWithChallengeSid",
                "-Status, -FactorSid, -NewestFirst and -PageSize filter a list; with a challenge SID the challenge is fetched as it is: leave them out, or compare its Status.",
                sid);
            return false;
        }

        return true;
    }

    protected override void ProcessInput()
    {
        var identity = CurrentIdentity;
        var target = TargetFor(_challengeSid ?? identity);
        if (_challengeSid != null)
        {
            var sid = _challengeSid;
            Enqueue(target, (log, cancellationToken) => Verify.GetChallengeAsync(identity, sid, log, cancellationToken));
            return;
        }

        WriteList(target, log => Verify.ListChallenges(identity, _factorSid, Status, NewestFirst.IsPresent, PageSize, log, CancellationToken));
    }
}
