using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Authy.Emulator
{
    /// <summary>The emulator each runspace started, so Stop-AuthyEmulator stops its own one.</summary>
    internal static class EmulatorRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, EmulatorProcess> Started = new ConditionalWeakTable<Runspace, EmulatorProcess>();
        private static readonly object Gate = new object();

        public static EmulatorProcess? Current =>
            Runspace.DefaultRunspace != null && Started.TryGetValue(Runspace.DefaultRunspace, out var emulator) ? emulator : null;

        public static void Set(EmulatorProcess emulator)
        {
            lock (Gate)
            {
                Started.Remove(Runspace.DefaultRunspace);
                Started.Add(Runspace.DefaultRunspace, emulator);
            }
        }

        public static EmulatorProcess? Take()
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
