using Authy.Session;

namespace Authy.Cmdlets;

/// <summary>Get-AuthyConnection: shows the session's URL and settings, the key masked to its last four characters.</summary>
[Cmdlet(VerbsCommon.Get, "AuthyConnection")]
[OutputType(typeof(AuthyConnection))]
public sealed class GetAuthyConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        // Not connected is a non-terminating error here: the answer to "which connection?" is "none".
        var session = AuthySessionStore.Resolve(out var failure);
        if (session == null)
        {
            WriteError(failure);
            return;
        }

        WriteObject(session.Describe());
    }
}
