using System;
using System.Management.Automation;
using Authy.Models;
using Authy.Session;

namespace Authy.Cmdlets
{
    /// <summary>Get-AuthyConnection: shows the session's URL and settings, the key masked to its last four characters.</summary>
    [Cmdlet(VerbsCommon.Get, "AuthyConnection")]
    [OutputType(typeof(AuthyConnection))]
    public sealed class GetAuthyConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            AuthySession? session;
            try
            {
                session = AuthySessionStore.Current ?? AuthySession.FromEnvironment();
            }
            catch (ArgumentException invalid)
            {
                WriteError(new ErrorRecord(invalid, "Authy.InvalidConnection", ErrorCategory.InvalidArgument, null));
                return;
            }

            if (session == null)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException("Not connected to Authy. Run Connect-Authy, or set the AUTHY_API_KEY environment variable."),
                    "Authy.NotConnected",
                    ErrorCategory.ObjectNotFound,
                    null));
                return;
            }

            WriteObject(session.Describe());
        }
    }
}
