using System;
using System.Globalization;
using System.Management.Automation;
using Authy.Cmdlets.Infrastructure;
using Authy.Validation;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify
{
    /// <summary>
    /// Wait-TwilioVerifyChallenge: polls push challenges (GET …/Challenges/{YC}; verify-api.md 4.6) until each one is
    /// approved, denied or expired, and writes it then. Many challenges wait at once, up to -ThrottleLimit.
    /// </summary>
    /// <remarks>
    /// Built on the shared work queue (one queued call per challenge, polling with <see cref="TerminalStatusPoller"/>),
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
        private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
        private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(10);

        // A challenge lives at most 60 minutes; a day is room enough for any wait, short of overflowing a date.
        private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

        private DateTimeOffset? _deadline;
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

        protected override void BeginProcessing()
        {
            // Refused before the session is even opened: nothing is read with a wait that cannot be right.
            if (Timeout <= TimeSpan.Zero || Timeout > MaxTimeout)
            {
                ThrowTerminatingError(AuthyErrorRecords.Invalid("InvalidTimeout", $"-Timeout must be more than zero and at most {MaxTimeout.TotalHours.ToString(CultureInfo.InvariantCulture)} hours; got {Timeout}.", Timeout));
            }

            if (PollInterval < MinPollInterval || PollInterval > MaxPollInterval)
            {
                ThrowTerminatingError(AuthyErrorRecords.Invalid(
                    "InvalidPollInterval",
                    $"-PollInterval must be from {MinPollInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s to {MaxPollInterval.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes; got {PollInterval}.",
                    PollInterval));
            }

            base.BeginProcessing();
        }

        protected override bool ResolveRecord()
        {
            if (!ReadIdentity())
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
            // One deadline for the whole command, set when the first record arrives.
            var deadline = _deadline ?? (_deadline = DateTimeOffset.UtcNow + Timeout).Value;
            var identity = ResolvedIdentity;
            var sid = _challengeSid;
            var interval = PollInterval;
            var timeout = Timeout;
            Enqueue(TargetFor(sid), (log, cancellationToken) => TerminalStatusPoller.PollUntilTerminalAsync(
                token => Verify.GetChallengeAsync(identity, sid, log, token),
                challenge => challenge.Status != "pending",
                deadline,
                interval,
                last => new PollTimeoutException(
                    "TwilioVerify.ChallengeTimeout",
                    $"Challenge {sid} of '{identity}' was still {last.Status} when the wait of {timeout} ended.",
                    "Wait again with a longer -Timeout (the challenge expires at its ExpirationDate), or read it later with Get-TwilioVerifyChallenge.",
                    last),
                cancellationToken));
        }
    }
}
