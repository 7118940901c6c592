using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;

namespace Authy.Emulator.Tests.Verify;

/// <summary>Verify/Lookup calls against a <see cref="RunningEmulator"/>: Basic auth, form bodies with PascalCase names.</summary>
internal static class VerifyCalls
{
    public const string Service = EmulatorOptions.DefaultServiceSid;

    public const string ServicePath = "/v2/Services/" + Service;

    /// <summary>Base32 of "12345678901234567890", the RFC 4226/6238 test key.</summary>
    public const string RfcSeed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    public static string DefaultUser => EmulatorOptions.DefaultAccountSid;

    public static string DefaultPassword => EmulatorOptions.DemoAuthToken;

    public static Task<Reply> VGetAsync(this RunningEmulator emulator, string pathAndQuery, string? user = null, string? password = null) =>
        emulator.SendAsync(Authorize(new HttpRequestMessage(HttpMethod.Get, pathAndQuery), user, password), withKey: false);

    public static Task<Reply> VDeleteAsync(this RunningEmulator emulator, string path) =>
        emulator.SendAsync(Authorize(new HttpRequestMessage(HttpMethod.Delete, path), null, null), withKey: false);

    public static Task<Reply> VPostAsync(this RunningEmulator emulator, string path, params (string Name, string Value)[] fields) =>
        emulator.VPostAsAsync(path, DefaultUser, DefaultPassword, fields);

    public static Task<Reply> VPostAsAsync(this RunningEmulator emulator, string path, string? user, string? password, params (string Name, string Value)[] fields)
    {
        // Encoded the way FormUrlEncodedContent does it (what twilio-csharp sends): '+' becomes %2B.
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new System.Collections.Generic.KeyValuePair<string, string>(f.Name, f.Value))),
        };
        if (user is not null)
        {
            Authorize(request, user, password);
        }

        return emulator.SendAsync(request, withKey: false);
    }

    public static Task<Reply> ControlPostAsync(this RunningEmulator emulator, string pathAndQuery) =>
        emulator.SendAsync(new HttpRequestMessage(HttpMethod.Post, pathAndQuery), withKey: false);

    private static HttpRequestMessage Authorize(HttpRequestMessage request, string? user, string? password)
    {
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes((user ?? DefaultUser) + ":" + (password ?? DefaultPassword)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return request;
    }

    /// <summary>Asserts Twilio's error envelope, exactly its four keys (plus "detail" on 401).</summary>
    public static void AssertTwilioError(Reply reply, int status, int code, string? message = null)
    {
        Assert.True(status == reply.Status, $"expected {status}, got {reply.Status}: {reply.Body}");
        var json = reply.Json.AsObject();
        Assert.Equal(code, json["code"]!.GetValue<int>());
        Assert.Equal(status, json["status"]!.GetValue<int>());
        Assert.Equal("https://www.twilio.com/docs/errors/" + code, json["more_info"]!.GetValue<string>());
        Assert.NotEmpty(json["message"]!.GetValue<string>());
        if (message is not null)
        {
            Assert.Equal(message, json["message"]!.GetValue<string>());
        }

        var expectedKeys = status == 401 ? new[] { "code", "message", "more_info", "status", "detail" } : new[] { "code", "message", "more_info", "status" };
        Assert.Equal(expectedKeys, json.Select(p => p.Key).ToArray());
    }

    public static void AssertStatus(Reply reply, int status) =>
        Assert.True(status == reply.Status, $"expected {status}, got {reply.Status}: {reply.Body}");

    public static string Str(this JsonNode node, string key) => node[key]!.GetValue<string>();

    /// <summary>Moves the running emulator's clock through the control API (not the test's ManualClock), as a user would.</summary>
    public static async Task AdvanceAsync(this RunningEmulator emulator, int seconds)
    {
        var reply = await emulator.ControlPostAsync("/_emulator/clock?advance_seconds=" + seconds);
        AssertStatus(reply, 200);
    }
}
