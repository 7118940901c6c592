using Authy.Session;

namespace Authy.EmulatorLauncher;

/// <summary>
/// The emulator a runspace started, with the sessions around it: the one Start-AuthyEmulator connected
/// (null with -NoConnect) and the one that was current before (null when there was none), which
/// Stop-AuthyEmulator puts back.
/// </summary>
internal sealed class StartedEmulator
{
    public StartedEmulator(
        EmulatorProcess process, AuthySession? connected, AuthySession? previous, VerifySession? verifyConnected = null, VerifySession? verifyPrevious = null)
    {
        Process = process;
        Connected = connected;
        Previous = previous;
        VerifyConnected = verifyConnected;
        VerifyPrevious = verifyPrevious;
    }

    /// <summary>The Verify session Start-AuthyEmulator connected (null with -NoConnect or without a Verify service).</summary>
    public VerifySession? VerifyConnected { get; }

    /// <summary>The Verify session that was current before, which Stop-AuthyEmulator puts back.</summary>
    public VerifySession? VerifyPrevious { get; }

    public EmulatorProcess Process { get; }

    public AuthySession? Connected { get; }

    public AuthySession? Previous { get; }
}

/// <summary>The emulator each runspace started, so Stop-AuthyEmulator stops its own one (<see cref="RunspaceStore{T}"/>).</summary>
internal static class EmulatorRegistry
{
    private static readonly RunspaceStore<StartedEmulator> Started = new RunspaceStore<StartedEmulator>();

    public static void Set(StartedEmulator emulator) => Started.Set(emulator);

    public static StartedEmulator? Take() => Started.Take();
}
