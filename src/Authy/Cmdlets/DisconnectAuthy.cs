using Authy.Session;

namespace Authy.Cmdlets;

/// <summary>Disconnect-Authy: forgets this runspace's session; the environment variables, if set, still apply.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Authy")]
[OutputType(typeof(void))]
public sealed class DisconnectAuthyCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        WriteVerbose(AuthySessionStore.Clear() ? "Disconnected from Authy." : "There was no Authy session in this runspace.");
    }
}
