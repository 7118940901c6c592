using System;
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
        Faults = new FaultInjector(options);
        RateLimiter = new RateLimiter(options);
        CallbackClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public EmulatorOptions Options { get; }

    public IEmulatorClock Clock => Options.Clock;

    public EmulatorState State { get; } = new();

    public RequestLog Requests { get; } = new();

    public UsageStats Stats { get; } = new();

    public FaultInjector Faults { get; }

    public RateLimiter RateLimiter { get; }

    /// <summary>Sends OneTouch callbacks (authy-api.md 2.14).</summary>
    public HttpClient CallbackClient { get; }

    /// <summary>The application this emulator pretends to be (authy-api.md 2.19).</summary>
    public const int AppId = 1;

    public const string AppName = "Authy Emulator";

    /// <summary>24-hex "app_id" of approval requests (2.13).</summary>
    public static readonly string AppObjectId = Domain.Codes.ObjectIdFor("app", AppId);

    public void Reset()
    {
        State.Reset();
        Requests.Reset();
        Stats.Reset();
        Faults.Reset();
        RateLimiter.Reset();
    }

    public void Dispose() => CallbackClient.Dispose();
}
