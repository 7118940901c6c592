using System.Collections.Generic;
using System.Management.Automation;
using Authy.Session;
using Authy.Validation;

namespace Authy.Cmdlets.Infrastructure
{
    /// <summary>
    /// Base of the push challenge cmdlets (New-, Get-, Wait-TwilioVerifyChallenge): the entity's -Identity, which
    /// every challenge path starts with (verify-api.md 4.6), read from the record and checked before any request;
    /// and the SID checks with messages that say which kind of SID was given instead.
    /// </summary>
    public abstract class ChallengeCmdlet : VerifyPipelineCmdlet
    {
        internal static readonly string[] IdentityNames = { "Identity", "entity_identity", "UserIdentity" };
        internal static readonly string[] FactorSidNames = { "FactorSid", "factor_sid" };

        /// <summary>The entity the challenge belongs to: the identity New-TwilioVerifyFactor (or the app) enrolled.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? Identity { get; set; }

        /// <summary>The current record's identity, once <see cref="ReadIdentity"/> accepted it.</summary>
        protected string ResolvedIdentity { get; private set; } = string.Empty;

        /// <summary>Reads and checks the identity of the current record; false (its error written) when missing or unusable.</summary>
        protected bool ReadIdentity()
        {
            var value = FromRecord(Identity, IdentityNames);
            if (value == null)
            {
                WriteMissing("identity", nameof(Identity), IdentityNames);
                return false;
            }

            var identity = InputRules.TrimBlanks(Text(value));
            var problem = ChallengeRules.Identity(identity);
            if (problem != null)
            {
                WriteInvalidValue("InvalidIdentity", problem, value);
                return false;
            }

            ResolvedIdentity = identity;
            return true;
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
}
