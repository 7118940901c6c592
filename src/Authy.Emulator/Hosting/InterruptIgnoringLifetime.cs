using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace Authy.Emulator.Hosting;

/// <summary>
/// The host lifetime under <c>--ignore-interrupt</c>: like the console lifetime it stops the app on
/// SIGTERM and SIGQUIT, but it swallows SIGINT. Start-AuthyEmulator runs the emulator as a child of the
/// user's PowerShell, in the terminal's foreground process group, so a Ctrl+C pressed at the prompt (to
/// stop some other command) would otherwise reach the emulator too and kill the session's dry run.
/// </summary>
internal sealed class InterruptIgnoringLifetime : IHostLifetime, IDisposable
{
    private readonly IHostApplicationLifetime _application;
    private PosixSignalRegistration? _interrupt;
    private PosixSignalRegistration? _terminate;
    private PosixSignalRegistration? _quit;

    public InterruptIgnoringLifetime(IHostApplicationLifetime application) => _application = application;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        // Cancel = true: the runtime's default action (ending the process) is not taken.
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => signal.Cancel = true);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        _quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _interrupt?.Dispose();
        _terminate?.Dispose();
        _quit?.Dispose();
    }

    private void Stop(PosixSignalContext signal)
    {
        // Stop cleanly (exit code 0) rather than let the runtime end the process at once.
        signal.Cancel = true;
        _application.StopApplication();
    }
}
