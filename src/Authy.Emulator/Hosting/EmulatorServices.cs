using System.Net.Http;
using Authy.Emulator.Pipeline;
using Authy.Emulator.State;

namespace Authy.Emulator.Hosting;

/// <summary>The emulator's parts, created once per host and shared by all endpoints.</summary>
internal sealed class EmulatorServices : IDisposable
{
    public EmulatorServices(EmulatorOptions options)
    {
        Options = options;
        Clock = new AdjustableClock(options.Clock);
        Faults = new FaultInjector(options);
        RateLimiter = new RateLimiter(options, Clock);
        Verify = new Verify.VerifyState(options.AccountSid, Clock.UtcNow);
        CallbackClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public EmulatorOptions Options { get; }

    /// <summary>The options' clock plus the offset POST /_emulator/clock adds; every rule reads this one.</summary>
    public AdjustableClock Clock { get; }

    /// <summary>The Verify v2 side: services, verifications, entities, factors, challenges.</summary>
    public Verify.VerifyState Verify { get; }

    public EmulatorState State { get; } = new();

    public RequestLog Requests { get; } = new();

    /// <summary>Pulsed when an API request arrives or finishes; the control API's long polls wait on it.</summary>
    public ChangeSignal Changes { get; } = new();

    public UsageStats Stats { get; } = new();

    public FaultInjector Faults { get; }

    public RateLimiter RateLimiter { get; }

    /// <summary>Sends OneTouch callbacks (docs/api/authy.md §2.14).</summary>
    public HttpClient CallbackClient { get; }

    /// <summary>The application this emulator pretends to be (docs/api/authy.md §2.19).</summary>
    public const int AppId = 1;

    public const string AppName = "Authy Emulator";

    /// <summary>24-hex "app_id" of approval requests (2.13).</summary>
    public static readonly string AppObjectId = Domain.Codes.ObjectIdFor("app", AppId);

    public void Reset()
    {
        State.Reset();
        Verify.Reset(Clock.UtcNow);
        Requests.Reset();
        Stats.Reset();
        Faults.Reset();
        RateLimiter.Reset();
    }

    public void Dispose() => CallbackClient.Dispose();
}
