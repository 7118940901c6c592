using System.Management.Automation;
using Authy.Emulator;
using Authy.Http;
using Authy.Session;

namespace Authy.Cmdlets
{
    /// <summary>Stop-AuthyEmulator: stops the emulator this session started, and disconnects from it.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AuthyEmulator")]
    [OutputType(typeof(void))]
    public sealed class StopAuthyEmulatorCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var emulator = EmulatorRegistry.Take();
            if (emulator == null)
            {
                WriteVerbose("No emulator was started in this session.");
                return;
            }

            var session = AuthySessionStore.Current;
            if (session != null && session.Settings.ApiUrl == AuthyClientSettings.NormaliseApiUrl(emulator.Url))
            {
                AuthySessionStore.Clear();
            }

            emulator.Dispose();
            WriteVerbose($"Stopped the Authy emulator at {emulator.Url}.");
        }
    }
}
