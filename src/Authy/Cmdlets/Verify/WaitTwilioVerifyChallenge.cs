using System;
using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Authy.Validation;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify
{
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
    public sealed class WaitTwilioVerifyChallengeCommand : ChallengeCmdlet
    {
        private static readonly string[] SidNames = { "ChallengeSid", "challenge_sid", "Sid" };

        private StatusPoll? _poll;
        private string _challengeSid = string.Empty;

        /// <summary>The challenge to wait for (<c>YC…</c>), as New-TwilioVerifyChallenge wrote it.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Sid", "challenge_sid")]
        public string? ChallengeSid { get; set; }

        /// <summary>How long to wait in all, from the first record; a bare number is seconds. Five minutes (Twilio's default lifetime) unless given.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How often to read each challenge; a bare number is seconds. Two seconds unless given.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        // The countdown is the point of a wait: shown from the start, not after the usual second.
        protected override TimeSpan ProgressDelay => TimeSpan.Zero;

        protected override void BeginProcessing()
        {
            // Refused before the session is even opened: nothing is read with a wait that cannot be right.
            var invalid = StatusPoll.Check(Timeout, PollInterval, ErrorIdPrefix);
            if (invalid != null)
            {
                ThrowTerminatingError(invalid);
            }

            base.BeginProcessing();
            _poll = new StatusPoll(Timeout, PollInterval, "Waiting for push answers");
        }

        protected override bool ResolveRecord()
        {
            if (!ReadIdentity(required: true))
            {
                return false;
            }

            var sid = FromRecord(ChallengeSid, SidNames);
            if (sid == null)
            {
                WriteMissing("challenge SID", nameof(ChallengeSid), SidNames);
                return false;
            }

            var text = ReadSid(sid, "YC", "challenge SID", "InvalidChallengeSid");
            if (text == null)
            {
                return false;
            }

            _challengeSid = text;
            return true;
        }

        protected override void ProcessInput()
        {
            // Captured now: the next record rebinds the properties while this one is still polled.
            var identity = CurrentIdentity;
            var sid = _challengeSid;
            var timeout = Timeout;
            var poll = _poll ?? throw new InvalidOperationException("BeginProcessing has not run.");
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

        protected override ProgressRecord ProgressNow(int activityId, string counts) =>
            _poll?.Progress(activityId) ?? base.ProgressNow(activityId, counts);
    }
}
