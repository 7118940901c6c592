using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Wait-TwilioVerifyChallenge: polls push challenges (GET …/Challenges/{YC}; docs/api/verify.md §4.6) until each one is
/// approved, denied or expired, and writes it then. Many challenges wait at once, up to -ThrottleLimit.
/// </summary>
/// <remarks>
/// Built on the shared work queue (one queued call per challenge, polling with <see cref="StatusPoll"/>),
/// so input order, -ThrottleLimit, per-row errors and Ctrl+C behave as in every other cmdlet. -Timeout bounds the
/// whole command, from its first record: a challenge still pending then is one error per record
/// (TwilioVerify.ChallengeTimeout, category OperationTimeout, the record as TargetObject, the last challenge read in
/// the exception's LastStatus), not an output, so each record gives one output or one error.
/// </remarks>
[Cmdlet(VerbsLifecycle.Wait, "TwilioVerifyChallenge")]
[OutputType(typeof(TwilioVerifyChallenge))]
public sealed class WaitTwilioVerifyChallengeCommand : ChallengeCmdlet, IStatusWait
{
    private string _challengeSid = string.Empty;

    /// <summary>The challenge to wait for (<c>YC…</c>), as New-TwilioVerifyChallenge wrote it.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Sid", "challenge_sid")]
    public string? ChallengeSid { get; set; }

    /// <summary>How long to wait in all, from the first record; a bare number is seconds. Five minutes (Twilio's default lifetime) unless given.</summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan Timeout { get; set; } = StatusPoll.DefaultTimeout;

    /// <summary>How often to read each challenge; a bare number is seconds. Two seconds unless given.</summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan PollInterval { get; set; } = StatusPoll.DefaultPollInterval;

    string IStatusWait.PollActivity => "Waiting for push answers";

    protected override bool ResolveRecord()
    {
        _challengeSid = ReadIdentityAndSid(ChallengeSid, ChallengeSidNames, nameof(ChallengeSid), "YC", "challenge SID", "InvalidChallengeSid") ?? string.Empty;
        return _challengeSid.Length > 0;
    }

    protected override void ProcessInput()
    {
        // Captured now: the next record rebinds the properties while this one is still polled.
        var identity = CurrentIdentity;
        var sid = _challengeSid;
        var timeout = Timeout;
        var poll = Poll;
        Enqueue(TargetFor(sid), poll.Until(
            "Challenge " + sid,
            (log, cancellationToken) => Verify.GetChallengeAsync(identity, sid, log, cancellationToken),
            challenge => challenge.Status != "pending",
            last => new PollTimeoutException(
                "TwilioVerify.ChallengeTimeout",
                $"Challenge {sid} of '{identity}' was still {last.Status} when the wait of {timeout} ended.",
                last,
                "Wait again with a longer -Timeout (the challenge expires at its ExpirationDate), or read it later with Get-TwilioVerifyChallenge.")));
    }
}
