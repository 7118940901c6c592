using Authy.Session;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>Get-TwilioVerifyConnection: shows the Verify session's service, user, URLs and settings, the secret masked to its last four characters.</summary>
[Cmdlet(VerbsCommon.Get, "TwilioVerifyConnection")]
[OutputType(typeof(TwilioVerifyConnection))]
public sealed class GetTwilioVerifyConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        // Not connected is a non-terminating error here: the answer to "which connection?" is "none".
        var session = VerifySessionStore.Resolve(out var failure);
        if (session == null)
        {
            WriteError(failure);
            return;
        }

        WriteObject(session.Describe());
    }
}
