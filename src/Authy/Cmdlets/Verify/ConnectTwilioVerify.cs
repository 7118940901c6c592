using System.Security;
using Authy.Session;
using Authy.Verify.Models;

namespace Authy.Cmdlets.Verify;

/// <summary>
/// Connect-TwilioVerify: stores this runspace's Twilio Verify session (service, credentials, URLs, timeout,
/// retries, proxy) beside its Authy session. SIDs are checked before anything is sent.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "TwilioVerify")]
[OutputType(typeof(TwilioVerifyConnection))]
public sealed class ConnectTwilioVerifyCommand : ConnectCmdlet
{
    /// <summary>The Verify service (<c>VA…</c>); falls back to TWILIO_VERIFY_SERVICE_SID.</summary>
    [Parameter(Position = 0)]
    public string? ServiceSid { get; set; }

    /// <summary>
    /// User name the Account SID (<c>AC…</c>, password the Auth Token) or an API key SID (<c>SK…</c>, password
    /// the key secret; then -AccountSid too). Without it: TWILIO_API_KEY/TWILIO_API_SECRET, else
    /// TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN.
    /// </summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The Account SID (<c>AC…</c>), required with an API key; falls back to TWILIO_ACCOUNT_SID.</summary>
    [Parameter]
    public string? AccountSid { get; set; }

    /// <summary>The Verify root; https://verify.twilio.com by default.</summary>
    [Parameter]
    public Uri? ApiUrl { get; set; }

    /// <summary>The Lookup root; https://lookups.twilio.com by default.</summary>
    [Parameter]
    public Uri? LookupUrl { get; set; }

    protected override void EndProcessing()
    {
        string? username;
        SecureString? secret;
        var accountSid = AccountSid ?? VerifySession.Variable(VerifySession.AccountSidVariable);
        if (Credential != null)
        {
            username = Credential.UserName?.Trim();
            secret = Credential.Password == null ? null : SecureText.Trimmed(Credential.Password);
            // An Auth Token credential needs no -AccountSid; the environment's must not contradict it.
            if (AccountSid == null && username != null && !username.StartsWith("SK", StringComparison.Ordinal))
            {
                accountSid = null;
            }
        }
        else
        {
            var fromEnvironment = VerifySession.CredentialsFromEnvironment();
            if (fromEnvironment == null)
            {
                Fail(
                    new ArgumentException($"No credentials: pass -Credential (user name the Account SID or an API key SID, password the Auth Token or key secret), or set {VerifySession.ApiKeyVariable}/{VerifySession.ApiSecretVariable} with {VerifySession.AccountSidVariable}, or {VerifySession.AccountSidVariable}/{VerifySession.AuthTokenVariable}."),
                    "TwilioVerify.NoCredential");
                return;
            }

            username = fromEnvironment.Item1;
            secret = fromEnvironment.Item2;
            accountSid = AccountSid ?? fromEnvironment.Item3;
        }

        var serviceSid = ServiceSid?.Trim() ?? VerifySession.Variable(VerifySession.ServiceSidVariable);
        var problem = VerifySession.CheckSid(serviceSid, "VA", "service SID");
        if (problem != null)
        {
            Fail(new ArgumentException(serviceSid == null ? $"No Verify service: give -ServiceSid VA..., or set {VerifySession.ServiceSidVariable}." : problem), "TwilioVerify.InvalidServiceSid");
            return;
        }

        problem = VerifySession.CheckCredentials(username, secret, accountSid);
        if (problem != null)
        {
            // The previous session, if any, stays as it was.
            Fail(new ArgumentException(problem), "TwilioVerify.InvalidCredential");
            return;
        }

        VerifySession session;
        try
        {
            var settings = new AuthyClientSettings(ApiUrl ?? VerifySession.DefaultApiUrl, Timeout, MaxRetry, Proxy);
            session = new VerifySession(settings, LookupUrl, serviceSid!, username!, secret!, accountSid, "Connect-TwilioVerify");
        }
        catch (ArgumentException invalid)
        {
            Fail(invalid, "TwilioVerify.InvalidConnection");
            return;
        }

        VerifySessionStore.Set(session);
        var connection = session.Describe();
        WriteVerbose($"Connected to Twilio Verify service {connection.ServiceSid} at {connection.ApiUrl} (timeout {connection.Timeout}, up to {connection.MaxRetry} retries).");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    private void Fail(Exception failure, string errorId) =>
        ThrowTerminatingError(new ErrorRecord(failure, errorId, ErrorCategory.InvalidArgument, null));
}
