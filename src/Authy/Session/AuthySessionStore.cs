using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Authy.Session
{
    /// <summary>
    /// One session per runspace: two runspaces (ForEach-Object -Parallel, jobs, hosted apps) never see
    /// each other's key, and a runspace's session goes away with it.
    /// </summary>
    public static class AuthySessionStore
    {
        private static readonly ConditionalWeakTable<Runspace, AuthySession> Sessions = new ConditionalWeakTable<Runspace, AuthySession>();
        private static readonly object Gate = new object();

        public static AuthySession? Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace != null && Sessions.TryGetValue(runspace, out var session) ? session : null;
            }
        }

        public static void Set(AuthySession session)
        {
            var runspace = Runspace.DefaultRunspace;
            lock (Gate)
            {
                Sessions.Remove(runspace);
                Sessions.Add(runspace, session);
            }
        }

        public static bool Clear()
        {
            var runspace = Runspace.DefaultRunspace;
            lock (Gate)
            {
                return runspace != null && Sessions.Remove(runspace);
            }
        }
    }
}
