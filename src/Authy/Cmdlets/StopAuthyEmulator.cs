using Authy.EmulatorLauncher;
using Authy.Session;

namespace Authy.Cmdlets;

/// <summary>
/// Stop-AuthyEmulator: stops the emulator this session started and puts back the session that was
/// current before Start-AuthyEmulator connected to it (a Connect-Authy session, or none, so that the
/// environment applies again).
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "AuthyEmulator")]
[OutputType(typeof(void))]
public sealed class StopAuthyEmulatorCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var started = EmulatorRegistry.Take();
        if (started == null)
        {
            WriteVerbose("No emulator was started in this session.");
            return;
        }

        var emulator = started.Process;
        var session = AuthySessionStore.Current;
        if (session != null && started.Connected != null && ReferenceEquals(session, started.Connected))
        {
            // Still connected as Start-AuthyEmulator left it: back to what was there before.
            StartAuthyEmulatorCommand.Restore(started.Previous);
            WriteVerbose(started.Previous != null
                ? $"Connected again to {started.Previous.Settings.ApiUrl} ({started.Previous.Source}), as before Start-AuthyEmulator."
                : "Disconnected: no session was connected before Start-AuthyEmulator.");
        }
        else if (session != null && session.Settings.ApiUrl == AuthyClientSettings.NormaliseApiUrl(emulator.Url))
        {
            // Connected to the emulator some other way (Connect-Authy -ApiUrl): that session dies with it.
            AuthySessionStore.Clear();
        }

        var verify = VerifySessionStore.Current;
        if (verify != null && started.VerifyConnected != null && ReferenceEquals(verify, started.VerifyConnected))
        {
            StartAuthyEmulatorCommand.RestoreVerify(started.VerifyPrevious);
        }
        else if (verify != null && verify.Settings.ApiUrl == AuthyClientSettings.NormaliseApiUrl(emulator.Url))
        {
            VerifySessionStore.Clear();
        }

        emulator.Dispose();
        WriteVerbose($"Stopped the Authy emulator at {emulator.Url}.");
    }
}
