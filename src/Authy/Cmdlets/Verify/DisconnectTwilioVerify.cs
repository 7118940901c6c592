using Authy.Session;

namespace Authy.Cmdlets.Verify;

/// <summary>Disconnect-TwilioVerify: forgets this runspace's Verify session (the Authy session stays); the environment variables, if set, still apply.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "TwilioVerify")]
[OutputType(typeof(void))]
public sealed class DisconnectTwilioVerifyCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        WriteVerbose(VerifySessionStore.Clear() ? "Disconnected from Twilio Verify." : "There was no Twilio Verify session in this runspace.");
    }
}
