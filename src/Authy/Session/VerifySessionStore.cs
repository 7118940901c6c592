namespace Authy.Session;

/// <summary>This runspace's Twilio Verify session, beside its Authy session (<see cref="RunspaceStore{T}"/>).</summary>
public static class VerifySessionStore
{
    /// <summary>What every Verify cmdlet says when it finds no session.</summary>
    internal const string NotConnectedMessage =
        "Not connected to Twilio Verify. Run Connect-TwilioVerify -ServiceSid VA... -Credential (Get-Credential), or set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID.";

    private static readonly RunspaceStore<VerifySession> Store = new RunspaceStore<VerifySession>();

    public static VerifySession? Current => Store.Current;

    public static void Set(VerifySession session) => Store.Set(session);

    public static bool Clear() => Store.Clear();

    /// <summary>
    /// Connect-TwilioVerify's session, else the TWILIO_* variables'; null with <paramref name="failure"/>
    /// (TwilioVerify.NotConnected, or TwilioVerify.InvalidConnection for incomplete or malformed variables)
    /// when there is none. The one way the Verify cmdlets find it.
    /// </summary>
    internal static VerifySession? Resolve(out ErrorRecord? failure) =>
        Store.Resolve(() => VerifySession.FromEnvironment(), "TwilioVerify", NotConnectedMessage, out failure);
}
