using System;
using System.Management.Automation;
using Authy.Session;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify
{
    /// <summary>Get-TwilioVerifyConnection: shows the Verify session's service, user, URLs and settings, the secret masked to its last four characters.</summary>
    [Cmdlet(VerbsCommon.Get, "TwilioVerifyConnection")]
    [OutputType(typeof(TwilioVerifyConnection))]
    public sealed class GetTwilioVerifyConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            VerifySession? session;
            try
            {
                session = VerifySessionStore.Current ?? VerifySession.FromEnvironment();
            }
            catch (ArgumentException invalid)
            {
                WriteError(new ErrorRecord(invalid, "TwilioVerify.InvalidConnection", ErrorCategory.InvalidArgument, null));
                return;
            }

            if (session == null)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException("Not connected to Twilio Verify. Run Connect-TwilioVerify, or set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID."),
                    "TwilioVerify.NotConnected",
                    ErrorCategory.ObjectNotFound,
                    null));
                return;
            }

            WriteObject(session.Describe());
        }
    }
}
