namespace Authy.Emulator.Hosting;

/// <summary>The kinds of fault <c>--fault-kinds</c> can inject (README "Faults").</summary>
public enum FaultKind
{
    TooManyRequests429,
    ServerError500,
    ServiceUnavailable503,
    ConnectionReset,
    Timeout,
}

/// <summary>Callback HTTP method for answered OneTouch requests (docs/api/authy.md §2.14).</summary>
public enum CallbackMethod
{
    Post,
    Get,
}

/// <summary>
/// Everything the emulator can be started with. Names mirror the command-line options of
/// DESIGN.md "The emulator's surface in one place".
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The key accepted when <c>--api-key</c> is not given; documented in the README.</summary>
    public const string DemoApiKey = "AuthyEmulatorDemoKey000000000000";

    public const string DefaultUrls = "http://127.0.0.1:5580";

    /// <summary><c>--urls</c>: where Kestrel listens; loopback by default.</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary><c>--api-key</c>.</summary>
    public string ApiKey { get; set; } = DemoApiKey;

    /// <summary><c>--callback-url</c>: where answered OneTouch requests are reported; null = no callback.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary><c>--callback-method</c>.</summary>
    public CallbackMethod CallbackMethod { get; set; } = CallbackMethod.Post;

    /// <summary><c>--deletion-delay</c>: how long a removed user's tokens keep verifying (docs/api/authy.md §2.2).</summary>
    public TimeSpan DeletionDelay { get; set; } = TimeSpan.FromSeconds(86400);

    /// <summary><c>--latency-ms</c>: added to every API reply (not to control endpoints).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary><c>--fault-rate</c>: probability (0..1) that an API request gets a fault.</summary>
    public double FaultRate { get; set; }

    /// <summary><c>--fault-kinds</c>: the faults to choose from.</summary>
    public IReadOnlyList<FaultKind> FaultKinds { get; set; } = new[]
    {
        FaultKind.TooManyRequests429, FaultKind.ServerError500, FaultKind.ServiceUnavailable503,
        FaultKind.ConnectionReset, FaultKind.Timeout,
    };

    /// <summary><c>--seed</c>: seeds the fault dice so a run is repeatable; null = random.</summary>
    public int? Seed { get; set; }

    /// <summary><c>--rate-limit</c>: API requests per second per key before 429/60003; null = unlimited.</summary>
    public int? RateLimitPerSecond { get; set; }

    /// <summary><c>--allow-custom-codes</c>: phone verification accepts <c>custom_code</c> (otherwise 403/60021).</summary>
    public bool AllowCustomCodes { get; set; }

    /// <summary><c>--deny-custom-messages</c>: phone verification rejects <c>custom_message</c> with 403/60021.</summary>
    public bool DenyCustomMessages { get; set; }

    /// <summary>
    /// <c>--enable-migration-tools</c> (or its older name <c>--enable-secret-export</c>): the two migration exports,
    /// <c>/secret/export</c> and <c>/phone_number</c>, answer instead of 403/60154. Off by default, as on a real
    /// Authy application until Twilio Support enables the migration tools (docs/api/verify.md §7).
    /// </summary>
    public bool EnableSecretExport { get; set; }

    /// <summary><c>--exit-on-stdin-close</c>: stop when standard input reaches end of file.</summary>
    public bool ExitOnStdinClose { get; set; }

    /// <summary>
    /// <c>--ignore-interrupt</c>: SIGINT (Ctrl+C) does not stop it; SIGTERM, SIGQUIT and (with
    /// <c>--exit-on-stdin-close</c>) the end of stdin still do. For a child of an interactive shell, which
    /// shares the terminal's process group and so would get every Ctrl+C pressed at the prompt.
    /// </summary>
    public bool IgnoreInterrupt { get; set; }

    /// <summary>How long a "timeout" fault holds a request when the client does not give up first.</summary>
    public TimeSpan TimeoutFaultHold { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Verify side: the account SID accepted when <c>--account-sid</c> is not given (README "Verify credentials").</summary>
    public const string DefaultAccountSid = "AC00000000000000000000000000000001";

    /// <summary>Verify side: the auth token accepted when <c>--auth-token</c> is not given.</summary>
    public const string DemoAuthToken = "VerifyEmulatorDemoToken000000000";

    /// <summary>Verify side: the API key SID accepted when <c>--api-key-sid</c> is not given.</summary>
    public const string DefaultApiKeySid = "SK00000000000000000000000000000001";

    /// <summary>Verify side: the secret of <see cref="DefaultApiKeySid"/> when <c>--api-key-secret</c> is not given.</summary>
    public const string DemoApiKeySecret = "VerifyEmulatorDemoKeySecret00000";

    /// <summary>Verify side: the SID of the service created at start (and again on reset).</summary>
    public const string DefaultServiceSid = "VA00000000000000000000000000000001";

    /// <summary><c>--account-sid</c>: the Verify account (Basic auth user name).</summary>
    public string AccountSid { get; set; } = DefaultAccountSid;

    /// <summary><c>--auth-token</c>: the Verify account's auth token (Basic auth password).</summary>
    public string AuthToken { get; set; } = DemoAuthToken;

    /// <summary><c>--api-key-sid</c>: an API key (SK...) accepted as Basic auth user name with its secret.</summary>
    public string ApiKeySid { get; set; } = DefaultApiKeySid;

    /// <summary><c>--api-key-secret</c>: the secret of <see cref="ApiKeySid"/>.</summary>
    public string ApiKeySecret { get; set; } = DemoApiKeySecret;

    /// <summary>The clock; tests replace it with a <see cref="ManualClock"/>.</summary>
    public IEmulatorClock Clock { get; set; } = SystemClock.Instance;
}
