namespace Authy.Session;

/// <summary>This runspace's Authy session (<see cref="RunspaceStore{T}"/>).</summary>
public static class AuthySessionStore
{
    /// <summary>What every Authy cmdlet says when it finds no session.</summary>
    internal const string NotConnectedMessage =
        "Not connected to Authy. Run Connect-Authy -ApiKey (Read-Host -AsSecureString 'Authy API key'), or set the AUTHY_API_KEY environment variable.";

    private static readonly RunspaceStore<AuthySession> Store = new RunspaceStore<AuthySession>();

    public static AuthySession? Current => Store.Current;

    public static void Set(AuthySession session) => Store.Set(session);

    public static bool Clear() => Store.Clear();

    /// <summary>
    /// Connect-Authy's session, else AUTHY_API_KEY's; null with <paramref name="failure"/> (Authy.NotConnected,
    /// or Authy.InvalidConnection for a bad AUTHY_API_URL) when there is none. The one way the cmdlets find it.
    /// </summary>
    internal static AuthySession? Resolve(out ErrorRecord? failure) =>
        Store.Resolve(AuthySession.FromEnvironment, "Authy", NotConnectedMessage, out failure);
}
