using System.Security;
using Authy.EmulatorLauncher;
using Authy.Session;

namespace Authy.Cmdlets;

/// <summary>
/// Start-AuthyEmulator: runs the Authy emulator shipped with the module on 127.0.0.1 and connects this
/// session to it, so scripts can be dry-run with no account and no network.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AuthyEmulator")]
[OutputType(typeof(AuthyEmulator))]
public sealed class StartAuthyEmulatorCommand : PSCmdlet
{
    /// <summary>The faults -FaultRate injects when -FaultKinds is not given.</summary>
    private static readonly string[] DefaultFaultKinds = { "429", "500", "503", "reset", "timeout" };

    /// <summary>The key the emulator accepts when none is given (documented, not a secret).</summary>
    public const string DemoApiKey = "AuthyEmulatorDemoKey000000000000";

    /// <summary>The Verify account's auth token the emulator accepts (documented, not a secret).</summary>
    public const string DemoAuthToken = "VerifyEmulatorDemoToken000000000";

    [Parameter(Position = 0)]
    [WholeNumber]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>The Verify account's auth token the emulator accepts (default: the documented demo token); the Verify session connects with it.</summary>
    [Parameter]
    public SecureString? AuthToken { get; set; }

    [Parameter]
    [WholeNumber]
    [ValidateRange(0, 60000)]
    public int LatencyMs { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double FaultRate { get; set; }

    [Parameter]
    [ValidateSet("429", "500", "503", "reset", "timeout")]
    public string[]? FaultKinds { get; set; }

    [Parameter]
    public int? Seed { get; set; }

    [Parameter]
    [WholeNumber]
    [ValidateRange(1, 100000)]
    public int? RateLimit { get; set; }

    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan? DeletionDelay { get; set; }

    [Parameter]
    public Uri? CallbackUrl { get; set; }

    [Parameter]
    [ValidateSet("POST", "GET")]
    public string CallbackMethod { get; set; } = "POST";

    /// <summary>Phone verification accepts -CustomCode (otherwise 403/60021, as for an application without the feature).</summary>
    [Parameter]
    public SwitchParameter AllowCustomCodes { get; set; }

    /// <summary>
    /// Turn the migration tools on: the TOTP seed export (Export-AuthyTotpSecret) and the phone number export
    /// (Export-AuthyUserPhoneNumber) answer instead of refusing with 60154, as Authy does unless Support enabled them.
    /// </summary>
    [Parameter]
    [Alias("EnableMigrationTools")]
    public SwitchParameter EnableSecretExport { get; set; }

    /// <summary>Phone verification refuses -CustomMessage with 403/60021, as for an application without the feature.</summary>
    [Parameter]
    public SwitchParameter DenyCustomMessages { get; set; }

    /// <summary>Start it without connecting the session to it.</summary>
    [Parameter]
    public SwitchParameter NoConnect { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        if (CallbackUrl != null && (!CallbackUrl.IsAbsoluteUri || (CallbackUrl.Scheme != Uri.UriSchemeHttp && CallbackUrl.Scheme != Uri.UriSchemeHttps)))
        {
            throw StopScript(
                new ArgumentException($"-CallbackUrl must be an absolute http:// or https:// URL, such as http://127.0.0.1:8080/authy/ (got '{CallbackUrl}')."),
                "Authy.InvalidCallbackUrl",
                ErrorCategory.InvalidArgument,
                CallbackUrl);
        }

        var key = ApiKey ?? SecureText.Protect(DemoApiKey);
        var authToken = AuthToken ?? SecureText.Protect(DemoAuthToken);
        var tokenProblem = VerifySession.CheckCredentials(VerifySession.EmulatorAccountSid, authToken, null);
        if (tokenProblem != null)
        {
            throw StopScript(new ArgumentException(tokenProblem.Replace("The secret", "-AuthToken")), "Authy.InvalidAuthToken", ErrorCategory.InvalidArgument, null);
        }
        EmulatorProcess emulator;
        try
        {
            emulator = EmulatorProcess.Start(Port, BuildArguments(), TimeSpan.FromSeconds(60), SecureText.Reveal(key), SecureText.Reveal(authToken));
        }
        catch (Exception failed) when (failed is EmulatorStartException || failed is System.IO.FileNotFoundException)
        {
            throw StopScript(failed, "Authy.EmulatorNotStarted", ErrorCategory.ResourceUnavailable, Port);
        }

        // The one this session started before is replaced only once the new one runs, so a failed
        // start leaves the session as it was.
        var replaced = EmulatorRegistry.Take();
        var current = AuthySessionStore.Current;

        // What Stop-AuthyEmulator puts back: the session from before the first emulator, when the one
        // being replaced is still the connected one, else whatever is current now.
        var previous = replaced != null && replaced.Connected != null && ReferenceEquals(current, replaced.Connected) ? replaced.Previous : current;
        var currentVerify = VerifySessionStore.Current;
        var previousVerify = replaced != null && replaced.VerifyConnected != null && ReferenceEquals(currentVerify, replaced.VerifyConnected) ? replaced.VerifyPrevious : currentVerify;
        replaced?.Process.Dispose();

        AuthySession? connected = null;
        VerifySession? verifyConnected = null;
        if (!NoConnect)
        {
            connected = new AuthySession(new AuthyClientSettings(emulator.Url), key, "Start-AuthyEmulator");
            AuthySessionStore.Set(connected);
            if (emulator.VerifyServiceSid != null && emulator.VerifyAccountSid != null)
            {
                // The Verify half of the same process: its default service, with the token it was started with.
                verifyConnected = new VerifySession(
                    new AuthyClientSettings(emulator.Url), emulator.Url, emulator.VerifyServiceSid, emulator.VerifyAccountSid, authToken, null, "Start-AuthyEmulator");
                VerifySessionStore.Set(verifyConnected);
            }
        }
        else
        {
            if (replaced?.Connected != null && ReferenceEquals(current, replaced.Connected))
            {
                // The session pointed at the emulator just stopped: put back the one from before it.
                Restore(previous);
            }

            if (replaced?.VerifyConnected != null && ReferenceEquals(currentVerify, replaced.VerifyConnected))
            {
                RestoreVerify(previousVerify);
            }
        }

        EmulatorRegistry.Set(new StartedEmulator(emulator, connected, NoConnect ? current : previous, verifyConnected, NoConnect ? currentVerify : previousVerify));
        WriteVerbose($"Authy emulator (process {emulator.ProcessId}) listening on {emulator.Url}.");

        if (PassThru)
        {
            WriteObject(new AuthyEmulator { Url = emulator.Url, ProcessId = emulator.ProcessId, ApiKey = SecureText.Mask(key) });
        }
    }

    /// <summary>Makes <paramref name="session"/> current again, or leaves none (the environment then applies).</summary>
    internal static void Restore(AuthySession? session)
    {
        if (session != null)
        {
            AuthySessionStore.Set(session);
        }
        else
        {
            AuthySessionStore.Clear();
        }
    }

    /// <summary>Makes <paramref name="session"/> the current Verify session again, or leaves none.</summary>
    internal static void RestoreVerify(VerifySession? session)
    {
        if (session != null)
        {
            VerifySessionStore.Set(session);
        }
        else
        {
            VerifySessionStore.Clear();
        }
    }

    /// <summary>
    /// An error that stops the whole script, as <c>throw</c> does, not just this statement: a script whose
    /// emulator did not start must not carry on with its next command against the previous session or
    /// AUTHY_API_URL, which may be production. try/catch and trap still catch it.
    /// </summary>
    private RuntimeException StopScript(Exception failure, string errorId, ErrorCategory category, object? target)
    {
        // Named like the ids ThrowTerminatingError gives (Id,Command), so -ErrorId filters read the same.
        var record = new ErrorRecord(failure, errorId + "," + GetType().FullName, category, target);
        return new RuntimeException(failure.Message, failure, record) { WasThrownFromThrowStatement = true };
    }

    private List<string> BuildArguments()
    {
        var arguments = new List<string>();
        if (LatencyMs > 0)
        {
            arguments.Add("--latency-ms");
            arguments.Add(LatencyMs.ToString(CultureInfo.InvariantCulture));
        }

        if (FaultRate > 0)
        {
            arguments.Add("--fault-rate");
            arguments.Add(FaultRate.ToString(CultureInfo.InvariantCulture));
            arguments.Add("--fault-kinds");
            arguments.Add(string.Join(",", FaultKinds ?? DefaultFaultKinds));
        }

        if (Seed.HasValue)
        {
            arguments.Add("--seed");
            arguments.Add(Seed.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (RateLimit.HasValue)
        {
            arguments.Add("--rate-limit");
            arguments.Add(RateLimit.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (DeletionDelay.HasValue)
        {
            arguments.Add("--deletion-delay");
            arguments.Add(((long)DeletionDelay.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        if (CallbackUrl != null)
        {
            arguments.Add("--callback-url");
            arguments.Add(CallbackUrl.AbsoluteUri);
            arguments.Add("--callback-method");
            arguments.Add(CallbackMethod);
        }

        if (EnableSecretExport)
        {
            arguments.Add("--enable-secret-export");
        }

        if (AllowCustomCodes)
        {
            arguments.Add("--allow-custom-codes");
        }

        if (DenyCustomMessages)
        {
            arguments.Add("--deny-custom-messages");
        }

        return arguments;
    }
}
