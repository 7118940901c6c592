using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using static Authy.Emulator.Tests.Verify.VerifyCalls;

namespace Authy.Emulator.Tests.Verify;

/// <summary>docs/api/verify.md §4.7 and §6: webhooks, their events, and X-Twilio-Signature on each delivery.</summary>
public class WebhookContractTests
{
    private const string Identity = "hook-user-0001";

    private const string Entity = ServicePath + "/Entities/" + Identity;

    /// <summary>Recomputed here from the algorithm of section 6, not with the emulator's code.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Twilio signs X-Twilio-Signature with HMAC-SHA1; the test recomputes it the same way.")]
    private static string ExpectedSignature(string token, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = url + string.Concat(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data)));
    }

    [Fact]
    public async Task Webhooks_have_crud_and_validate_their_parameters()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var created = await emulator.VPostAsync(ServicePath + "/Webhooks", ("FriendlyName", "hook"), ("EventTypes", "factor.created"), ("EventTypes", "challenge.approved"), ("WebhookUrl", "https://example.com/hook"));
        var sid = created.Json.Str("sid");
        var updated = await emulator.VPostAsync(ServicePath + "/Webhooks/" + sid, ("Status", "disabled"));
        var list = await emulator.VGetAsync(ServicePath + "/Webhooks");
        var badType = await emulator.VPostAsync(ServicePath + "/Webhooks", ("FriendlyName", "x"), ("EventTypes", "sms.sent"), ("WebhookUrl", "https://example.com"));
        var badUrl = await emulator.VPostAsync(ServicePath + "/Webhooks", ("FriendlyName", "x"), ("EventTypes", "*"), ("WebhookUrl", "ftp://example.com"));
        var missing = await emulator.VPostAsync(ServicePath + "/Webhooks", ("FriendlyName", "x"), ("WebhookUrl", "https://example.com"));
        var deleted = await emulator.VDeleteAsync(ServicePath + "/Webhooks/" + sid);
        var gone = await emulator.VGetAsync(ServicePath + "/Webhooks/" + sid);

        AssertStatus(created, 201);
        Assert.Matches("^YW[0-9a-f]{32}$", sid);
        Assert.Equal("""["factor.created","challenge.approved"]""", created.Json["event_types"]!.ToJsonString());
        Assert.Equal("enabled", created.Json.Str("status"));
        Assert.Equal("v2", created.Json.Str("version"));
        Assert.Equal("POST", created.Json.Str("webhook_method"));
        Assert.Equal("disabled", updated.Json.Str("status"));
        Assert.Equal("webhooks", list.Json["meta"]!.Str("key"));
        AssertTwilioError(badType, 400, 60200, "Invalid parameter: EventTypes");
        AssertTwilioError(badUrl, 400, 60200, "Invalid parameter: WebhookUrl");
        AssertTwilioError(missing, 400, 60200, "Invalid parameter: EventTypes");
        Assert.Equal(204, deleted.Status);
        AssertTwilioError(gone, 404, 20404);
    }

    [Fact]
    public async Task Factor_and_challenge_events_are_posted_signed_with_the_auth_token()
    {
        using var receiver = new CallbackReceiver();
        await using var emulator = await RunningEmulator.StartAsync(o => o.Clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1111111109)));
        await emulator.VPostAsync(ServicePath + "/Webhooks", ("FriendlyName", "all"), ("EventTypes", "*"), ("WebhookUrl", receiver.Url.ToString()));
        await emulator.VPostAsync(ServicePath + "/Webhooks", ("FriendlyName", "off"), ("EventTypes", "*"), ("WebhookUrl", receiver.Url + "?off=1"), ("Status", "disabled"));

        var factor = (await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "Ann"), ("FactorType", "totp"), ("Binding.Secret", RfcSeed))).Json.Str("sid");
        await emulator.VPostAsync(Entity + "/Factors/" + factor, ("AuthPayload", "081804"));
        await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factor), ("AuthPayload", "081804"), ("HiddenDetails", """{"ip":"192.0.2.1"}"""));
        var push = (await emulator.ControlPostAsync("/_emulator/verify/push_factors?identity=" + Identity)).Json.Str("sid");
        var pushChallenge = (await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", push), ("Details.Message", "Sign in?"))).Json.Str("sid");
        await emulator.ControlPostAsync($"/_emulator/verify/challenges/{pushChallenge}/deny");
        await emulator.VDeleteAsync(Entity + "/Factors/" + factor);
        var log = await emulator.GetAsync("/_emulator/verify/events", withKey: false);

        // Delivered before each triggering call returned: no waiting needed.
        var received = receiver.Received.ToList();
        var types = log.Json["events"]!.AsArray().Select(e => e!.Str("type")).ToArray();
        Assert.Equal(
            new[] { "factor.created", "factor.verified", "challenge.approved", "factor.created", "factor.verified", "challenge.denied", "factor.deleted" },
            types);
        Assert.Equal(7, received.Count);
        Assert.All(log.Json["events"]!.AsArray(), e => Assert.Equal(200, e!["status"]!.GetValue<int>()));
        foreach (var callback in received)
        {
            Assert.Equal("POST", callback.Method);
            var form = QueryHelpers.ParseQuery(callback.Body).ToDictionary(p => p.Key, p => p.Value.ToString());
            Assert.Equal(ExpectedSignature(EmulatorOptions.DemoAuthToken, receiver.Url.ToString(), form), callback.Headers["X-Twilio-Signature"]);
            Assert.Equal(Service, form["service_sid"]);
            Assert.Equal(Identity, form["entity_identity"]);
            Assert.DoesNotContain(RfcSeed, callback.Body, StringComparison.Ordinal);
        }

        var approved = received.Select(c => QueryHelpers.ParseQuery(c.Body)).Single(f => f["type"] == "challenge.approved");
        Assert.Equal("approved", approved["status"].ToString());
        Assert.Equal("""{"ip":"192.0.2.1"}""", approved["challenge_hidden_details"].ToString());
        Assert.StartsWith("YC", approved["challenge_sid"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_that_cannot_be_reached_is_recorded_and_the_call_still_succeeds()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.VPostAsync(ServicePath + "/Webhooks", ("FriendlyName", "dead"), ("EventTypes", "factor.created"), ("WebhookUrl", "http://127.0.0.1:9/hook"));

        var factor = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "Ann"), ("FactorType", "totp"));
        var log = await emulator.GetAsync("/_emulator/verify/events", withKey: false);

        AssertStatus(factor, 201);
        var delivery = Assert.Single(log.Json["events"]!.AsArray())!;
        Assert.Null(delivery["status"]);
        Assert.NotNull(delivery["error"]);
    }
}
