using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Authy.Session;

namespace Authy.EmulatorLauncher
{
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

    /// <summary>The emulator each runspace started, so Stop-AuthyEmulator stops its own one.</summary>
    internal static class EmulatorRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, StartedEmulator> Started = new ConditionalWeakTable<Runspace, StartedEmulator>();
        private static readonly object Gate = new object();

        public static StartedEmulator? Current =>
            Runspace.DefaultRunspace != null && Started.TryGetValue(Runspace.DefaultRunspace, out var emulator) ? emulator : null;

        public static void Set(StartedEmulator emulator)
        {
            lock (Gate)
            {
                Started.Remove(Runspace.DefaultRunspace);
                Started.Add(Runspace.DefaultRunspace, emulator);
            }
        }

        public static StartedEmulator? Take()
        {
            lock (Gate)
            {
                var current = Current;
                if (current != null)
                {
                    Started.Remove(Runspace.DefaultRunspace);
                }

                return current;
            }
        }
    }
}
