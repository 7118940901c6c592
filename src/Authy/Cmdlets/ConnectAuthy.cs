using System.Security;
using Authy.Session;

namespace Authy.Cmdlets;

/// <summary>Connect-Authy: stores this runspace's Authy session (key, URL, timeout, retries, proxy).</summary>
[Cmdlet(VerbsCommunications.Connect, "Authy", DefaultParameterSetName = ApiKeySet)]
[OutputType(typeof(AuthyConnection))]
public sealed class ConnectAuthyCommand : ConnectCmdlet
{
    private const string ApiKeySet = "ApiKey";
    private const string CredentialSet = "Credential";

    /// <summary>The application's API key (also from the pipeline: Get-Secret AuthyKey | Connect-Authy). Falls back to AUTHY_API_KEY when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ApiKeySet, ValueFromPipeline = true)]
    public SecureString? ApiKey { get; set; }

    /// <summary>The key as the password of a credential (Get-Credential, Get-Secret); the user name is ignored.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The API root; falls back to AUTHY_API_URL, then https://api.authy.com.</summary>
    [Parameter]
    public Uri? ApiUrl { get; set; }

    protected override void EndProcessing()
    {
        var given = Credential?.Password ?? ApiKey;
        var key = given != null ? SecureText.Trimmed(given) : KeyFromEnvironment();
        if (key == null || key.Length == 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("No API key: pass -ApiKey (Read-Host -AsSecureString 'Authy API key') or -Credential, or set the AUTHY_API_KEY environment variable."),
                "Authy.NoApiKey",
                ErrorCategory.InvalidArgument,
                null));
            return;
        }

        var keyProblem = AuthySession.CheckApiKey(key);
        if (keyProblem != null)
        {
            // The previous session, if any, stays as it was.
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(keyProblem), "Authy.InvalidApiKey", ErrorCategory.InvalidArgument, null));
            return;
        }

        AuthySession session;
        try
        {
            var settings = new AuthyClientSettings(ApiUrl ?? AuthySession.ApiUrlFromEnvironment(), Timeout, MaxRetry, Proxy);
            session = new AuthySession(settings, key, "Connect-Authy");
        }
        catch (ArgumentException invalid)
        {
            ThrowTerminatingError(new ErrorRecord(invalid, "Authy.InvalidConnection", ErrorCategory.InvalidArgument, ApiUrl));
            return;
        }

        AuthySessionStore.Set(session);
        // No part of the key in the log, not even the masked hint Get-AuthyConnection shows on request.
        var connection = session.Describe();
        WriteVerbose($"Connected to {connection.ApiUrl} (timeout {connection.Timeout}, up to {connection.MaxRetry} retries).");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    private static SecureString? KeyFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(AuthySession.ApiKeyVariable);
        return string.IsNullOrWhiteSpace(text) ? null : SecureText.Protect(text!.Trim());
    }
}
