using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Authy.Emulator.Tests;

/// <summary>An emulator started in-process on 127.0.0.1:0 with a manual clock, plus a plain HttpClient.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    public const string TestKey = "test-key-3f9a6c2e81d54b07";

    private readonly WebApplication _app;

    private RunningEmulator(WebApplication app, EmulatorOptions options, Uri baseAddress)
    {
        _app = app;
        Options = options;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public EmulatorOptions Options { get; }

    public ManualClock Clock => (ManualClock)Options.Clock;

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<RunningEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            ApiKey = TestKey,
            Clock = new ManualClock(),
        };
        configure?.Invoke(options);
        var app = EmulatorHost.Build(options);
        await app.StartAsync();
        return new RunningEmulator(app, options, EmulatorHost.ListeningAddress(app));
    }

    /// <summary>GET with the key in the header (unless <paramref name="withKey"/> is false).</summary>
    public Task<Reply> GetAsync(string pathAndQuery, bool withKey = true) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery), withKey);

    /// <summary>POST as application/x-www-form-urlencoded with Rack bracket keys, key in the header.</summary>
    public Task<Reply> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        var body = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        return SendAsync(request, withKey: true);
    }

    /// <summary>POST with a JSON body, key in the header.</summary>
    public Task<Reply> PostJsonAsync(string path, string json, bool withKey = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return SendAsync(request, withKey);
    }

    /// <summary>POST with everything in the query string and an empty body (the php client's way).</summary>
    public Task<Reply> PostQueryAsync(string pathAndQuery, bool withKey = true) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, pathAndQuery), withKey);

    public async Task<Reply> SendAsync(HttpRequestMessage request, bool withKey)
    {
        using (request)
        {
            if (withKey)
            {
                request.Headers.Add("X-Authy-API-Key", TestKey);
            }

            using var response = await Client.SendAsync(request);
            // NonValidated, read before the body: the header exactly as sent (the parsed form would add a space after the semicolon).
            var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
            var body = await response.Content.ReadAsStringAsync();
            return new Reply((int)response.StatusCode, body, contentType);
        }
    }

    /// <summary>Creates a user through the API and returns its authy_id.</summary>
    public async Task<int> CreateUserAsync(string cellphone = "555-123-4567", int countryCode = 1, string email = "user@example.com")
    {
        var reply = await PostFormAsync(
            "/protected/json/users/new",
            ("user[email]", email), ("user[cellphone]", cellphone), ("user[country_code]", countryCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(200, reply.Status);
        return reply.Json["user"]!["id"]!.GetValue<int>();
    }

    /// <summary>The outbox entries of a user (GET /_emulator/messages?authy_id=).</summary>
    public async Task<List<JsonObject>> MessagesAsync(string query)
    {
        var reply = await GetAsync("/_emulator/messages?" + query, withKey: false);
        Assert.Equal(200, reply.Status);
        return reply.Json["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
    }

    /// <summary>The code of the newest outbox entry that matches.</summary>
    public async Task<string> LatestCodeAsync(string query)
    {
        var messages = await MessagesAsync(query);
        Assert.NotEmpty(messages);
        return messages[^1]["code"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>An HTTP reply: status, raw body (for byte-exact checks) and parsed JSON.</summary>
public sealed record Reply(int Status, string Body, string? ContentType)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
