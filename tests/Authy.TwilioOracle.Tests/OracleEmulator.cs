using System;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Twilio.Clients;
using SystemNetHttpClient = Twilio.Http.SystemNetHttpClient;

namespace Authy.TwilioOracle.Tests;

/// <summary>
/// One emulator in-process on 127.0.0.1:0 (manual clock, non-default credentials) and the official
/// client pointed at it: <see cref="RedirectingHandler"/> rewrites https://verify.twilio.com and
/// https://lookups.twilio.com to the emulator (docs/api/verify.md §8.1, option A).
/// </summary>
public sealed class OracleEmulator : IAsyncLifetime
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    public const string AuthToken = "oracle-token-5e0c1d7a9b3f4e21";

    public const string KeySid = "SKfedcba9876543210fedcba9876543210";

    public const string KeySecret = "oracle-key-secret-77aa01";

    /// <summary>RFC 6238 T = 1111111109 (the appendix B vector the tests reuse).</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1111111109);

    private WebApplication? _app;

    public ManualClock Clock { get; } = new(Start);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>For control endpoints (/_emulator).</summary>
    public System.Net.Http.HttpClient Control { get; private set; } = null!;

    public TwilioRestClient Client { get; private set; } = null!;

    /// <summary>The same client authenticated with the API key (Verify URLs carry no account SID).</summary>
    public TwilioRestClient KeyClient { get; private set; } = null!;

    public RedirectingHandler Handler { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            Clock = Clock,
            AccountSid = AccountSid,
            AuthToken = AuthToken,
            ApiKeySid = KeySid,
            ApiKeySecret = KeySecret,
        };
        _app = EmulatorHost.Build(options);
        await _app.StartAsync();
        BaseAddress = EmulatorHost.ListeningAddress(_app);
        Control = new System.Net.Http.HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Handler = new RedirectingHandler(BaseAddress);
        var http = new SystemNetHttpClient(new System.Net.Http.HttpClient(Handler) { Timeout = TimeSpan.FromSeconds(30) });
        Client = new TwilioRestClient(AccountSid, AuthToken, httpClient: http);
        KeyClient = new TwilioRestClient(KeySid, KeySecret, accountSid: AccountSid, httpClient: http);
    }

    public async Task<JsonNode> ControlAsync(HttpMethod method, string pathAndQuery)
    {
        using var response = await Control.SendAsync(new HttpRequestMessage(method, pathAndQuery));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {pathAndQuery}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The newest code the outbox holds for <paramref name="to"/>.</summary>
    public async Task<string> LatestCodeAsync(string to)
    {
        var json = await ControlAsync(HttpMethod.Get, "/_emulator/messages?to=" + Uri.EscapeDataString(to));
        var messages = json["messages"]!.AsArray();
        Assert.NotEmpty(messages);
        return messages[messages.Count - 1]!["code"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        Control?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Sends whatever the Twilio library builds for *.twilio.com to the emulator instead; counts the requests.</summary>
public sealed class RedirectingHandler : DelegatingHandler
{
    private readonly Uri _target;
    private int _count;

    public RedirectingHandler(Uri target) : base(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        _target = target;
    }

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        Assert.True(original.Host is "verify.twilio.com" or "lookups.twilio.com" || original.Port == _target.Port, $"unexpected host in {original}");
        var builder = new UriBuilder(original) { Scheme = _target.Scheme, Host = _target.Host, Port = _target.Port };
        request.RequestUri = builder.Uri;
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
