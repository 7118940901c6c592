namespace Authy.Session
{
    /// <summary>This runspace's Twilio Verify session, beside its Authy session (<see cref="RunspaceStore{T}"/>).</summary>
    public static class VerifySessionStore
    {
        private static readonly RunspaceStore<VerifySession> Store = new RunspaceStore<VerifySession>();

        public static VerifySession? Current => Store.Current;

        public static void Set(VerifySession session) => Store.Set(session);

        public static bool Clear() => Store.Clear();
    }
}
