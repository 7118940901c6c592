namespace Authy.Session
{
    /// <summary>This runspace's Authy session (<see cref="RunspaceStore{T}"/>).</summary>
    public static class AuthySessionStore
    {
        private static readonly RunspaceStore<AuthySession> Store = new RunspaceStore<AuthySession>();

        public static AuthySession? Current => Store.Current;

        public static void Set(AuthySession session) => Store.Set(session);

        public static bool Clear() => Store.Clear();
    }
}
