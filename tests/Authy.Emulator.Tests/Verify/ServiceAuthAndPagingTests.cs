using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using static Authy.Emulator.Tests.Verify.VerifyCalls;

namespace Authy.Emulator.Tests.Verify;

/// <summary>docs/api/verify.md §1.2 (auth), §1.4–§1.6 (bodies), §2.1 (errors), §3 (paging), §4.1 (services); log redaction; options.</summary>
public class ServiceAuthAndPagingTests
{
    [Theory]
    [InlineData(null, null, "Authentication Error - No credentials provided")]
    [InlineData("AC00000000000000000000000000000001", "wrong-token-000", "Authenticate")]
    [InlineData("AC99999999999999999999999999999999", "VerifyEmulatorDemoToken000000000", "Authentication Error - invalid username")]
    [InlineData("SK00000000000000000000000000000001", "VerifyEmulatorDemoToken000000000", "Authenticate")]
    public async Task Bad_credentials_are_401_20003_with_detail(string? user, string? password, string message)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var reply = user is null
            ? await emulator.SendAsync(new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, ServicePath), withKey: true)
            : await emulator.VGetAsync(ServicePath, user, password);

        AssertTwilioError(reply, 401, 20003, message);
        Assert.Equal("Your AccountSid or AuthToken was incorrect.", reply.Json.Str("detail"));
    }

    [Fact]
    public async Task Account_token_and_api_key_both_work_and_options_replace_the_defaults()
    {
        await using var defaults = await RunningEmulator.StartAsync();
        var byToken = await defaults.VGetAsync(ServicePath);
        var byKey = await defaults.VGetAsync(ServicePath, EmulatorOptions.DefaultApiKeySid, EmulatorOptions.DemoApiKeySecret);
        AssertStatus(byToken, 200);
        AssertStatus(byKey, 200);

        var options = OptionsParser.Parse(new[]
        {
            "--account-sid", "ACabcdefabcdefabcdefabcdefabcdefab", "--auth-token", "custom-token-1234",
            "--api-key-sid=SKabcdefabcdefabcdefabcdefabcdefab", "--api-key-secret", "custom-secret-5678",
        })!;
        await using var custom = await RunningEmulator.StartAsync(o =>
        {
            o.AccountSid = options.AccountSid;
            o.AuthToken = options.AuthToken;
            o.ApiKeySid = options.ApiKeySid;
            o.ApiKeySecret = options.ApiKeySecret;
        });
        var oldToken = await custom.VGetAsync(ServicePath);
        var newToken = await custom.VGetAsync(ServicePath, "ACabcdefabcdefabcdefabcdefabcdefab", "custom-token-1234");
        var newKey = await custom.VGetAsync(ServicePath, "SKabcdefabcdefabcdefabcdefabcdefab", "custom-secret-5678");

        AssertTwilioError(oldToken, 401, 20003);
        AssertStatus(newToken, 200);
        Assert.Equal("ACabcdefabcdefabcdefabcdefabcdefab", newToken.Json.Str("account_sid"));
        AssertStatus(newKey, 200);
    }

    [Theory]
    [InlineData("--account-sid", "AC123")]
    [InlineData("--account-sid", "SK00000000000000000000000000000001")]
    [InlineData("--api-key-sid", "AC00000000000000000000000000000001")]
    [InlineData("--auth-token", "short")]
    public void Bad_verify_options_are_refused(string name, string value)
    {
        var error = Assert.Throws<OptionsException>(() => OptionsParser.Parse(new[] { name, value }));
        Assert.StartsWith(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_startup_line_names_the_default_service_and_account()
    {
        Assert.Equal(
            "Verify emulator service VA00000000000000000000000000000001 account AC00000000000000000000000000000001",
            Program.VerifyLine(new EmulatorOptions()));
    }

    [Fact]
    public async Task The_default_service_has_the_live_defaults_and_survives_reset()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.VPostAsync(ServicePath, ("FriendlyName", "Renamed"));
        await emulator.ControlPostAsync("/_emulator/reset");
        var reply = await emulator.VGetAsync(ServicePath);

        AssertStatus(reply, 200);
        var json = reply.Json;
        Assert.Equal("Verify Emulator", json.Str("friendly_name"));
        Assert.Equal(6, json["code_length"]!.GetValue<int>());
        Assert.True(json["dtmf_input_required"]!.GetValue<bool>());
        Assert.False(json["custom_code_enabled"]!.GetValue<bool>());
        Assert.Null(json["totp"]!["issuer"]);
        Assert.Equal(
            new[] { "verification_checks", "verifications", "rate_limits", "messaging_configurations", "entities", "webhooks", "access_tokens" },
            json["links"]!.AsObject().Select(p => p.Key).ToArray());
    }

    [Fact]
    public async Task Services_create_update_delete_and_validate()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var created = await emulator.VPostAsync("/v2/Services", ("FriendlyName", "My App 1234"), ("CodeLength", "8"), ("Totp.Issuer", "Acme"), ("Totp.TimeStep", "60"), ("LookupEnabled", "true"));
        var sid = created.Json.Str("sid");
        var updated = await emulator.VPostAsync("/v2/Services/" + sid, ("Totp.Skew", "2"), ("Push.IncludeDate", "true"));
        var fiveDigits = await emulator.VPostAsync("/v2/Services", ("FriendlyName", "App 12345"));
        var tooLong = await emulator.VPostAsync("/v2/Services", ("FriendlyName", new string('a', 31)));
        var codeLength = await emulator.VPostAsync("/v2/Services", ("FriendlyName", "x"), ("CodeLength", "11"));
        var notBool = await emulator.VPostAsync("/v2/Services/" + sid, ("LookupEnabled", "yes"));
        var missing = await emulator.VPostAsync("/v2/Services", ("CodeLength", "6"));
        var deleted = await emulator.VDeleteAsync("/v2/Services/" + sid);
        var gone = await emulator.VGetAsync("/v2/Services/" + sid);

        AssertStatus(created, 201);
        Assert.Matches("^VA[0-9a-f]{32}$", sid);
        Assert.Equal(8, created.Json["code_length"]!.GetValue<int>());
        Assert.Equal("Acme", created.Json["totp"]!.Str("issuer"));
        Assert.Equal(60, created.Json["totp"]!["time_step"]!.GetValue<int>());
        Assert.True(created.Json["lookup_enabled"]!.GetValue<bool>());
        Assert.Equal(2, updated.Json["totp"]!["skew"]!.GetValue<int>());
        Assert.True(updated.Json["push"]!["include_date"]!.GetValue<bool>());
        Assert.Equal(60, updated.Json["totp"]!["time_step"]!.GetValue<int>());
        AssertTwilioError(fiveDigits, 400, 60200, "Invalid parameter: FriendlyName");
        AssertTwilioError(tooLong, 400, 60200, "Invalid parameter: FriendlyName");
        AssertTwilioError(codeLength, 400, 60200, "Invalid parameter: CodeLength");
        AssertTwilioError(notBool, 400, 60200, "Invalid parameter: LookupEnabled");
        AssertTwilioError(missing, 400, 60200, "Invalid parameter: FriendlyName");
        Assert.Equal(204, deleted.Status);
        Assert.Equal("", deleted.Body);
        AssertTwilioError(gone, 404, 20404, $"The requested resource /v2/Services/{sid} was not found");
    }

    [Fact]
    public async Task Lists_page_with_all_seven_meta_keys_and_next_page_url_walks_them_all()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            AssertStatus(await emulator.VPostAsync("/v2/Services", ("FriendlyName", "Service " + i)), 201);
        }

        var seen = new List<string>();
        var url = "/v2/Services?PageSize=2";
        var pages = 0;
        JsonNode? firstMeta = null;
        while (url is not null)
        {
            var page = await emulator.VGetAsync(url);
            AssertStatus(page, 200);
            var meta = page.Json["meta"]!.AsObject();
            firstMeta ??= meta.DeepClone();
            Assert.Equal(new[] { "page", "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key" }, meta.Select(p => p.Key).ToArray());
            Assert.Equal("services", meta["key"]!.GetValue<string>());
            Assert.Equal(pages, meta["page"]!.GetValue<int>());
            Assert.Equal(pages == 0, meta["previous_page_url"] is null);
            seen.AddRange(page.Json["services"]!.AsArray().Select(s => s!.Str("sid")));
            var next = meta["next_page_url"]?.GetValue<string>();
            url = next is null ? null! : new Uri(next).PathAndQuery;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(5, seen.Count);
        var origin = emulator.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal(origin + "/v2/Services?PageSize=2&Page=0", firstMeta!["first_page_url"]!.GetValue<string>());
        Assert.Matches("^" + Regex.Escape(origin) + @"/v2/Services\?PageSize=2&Page=1&PageToken=PA[0-9]+$", firstMeta["next_page_url"]!.GetValue<string>());

        var badSize = await emulator.VGetAsync("/v2/Services?PageSize=1001");
        var badToken = await emulator.VGetAsync("/v2/Services?PageToken=zzz");
        AssertTwilioError(badSize, 400, 60200, "Invalid parameter: PageSize");
        AssertTwilioError(badToken, 400, 20001);
    }

    [Fact]
    public async Task The_request_log_never_shows_the_token_the_key_secret_or_a_seed()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.VGetAsync(ServicePath);
        await emulator.VGetAsync(ServicePath, EmulatorOptions.DefaultApiKeySid, EmulatorOptions.DemoApiKeySecret);
        await emulator.VGetAsync(ServicePath, EmulatorOptions.DefaultAccountSid, "a-wrong-guess-999");
        await emulator.VGetAsync("/v2/Services?FriendlyName=" + EmulatorOptions.DemoAuthToken);
        var factor = await emulator.VPostAsync(ServicePath + "/Entities/user-0001-abcd/Factors",
            ("FriendlyName", "Phone " + RfcSeed), ("FactorType", "totp"), ("Binding.Secret", RfcSeed));

        var log = (await emulator.GetAsync("/_emulator/requests", withKey: false)).Body;

        AssertStatus(factor, 201);
        Assert.DoesNotContain(EmulatorOptions.DemoAuthToken, log, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatorOptions.DemoApiKeySecret, log, StringComparison.Ordinal);
        Assert.DoesNotContain("a-wrong-guess-999", log, StringComparison.Ordinal);
        Assert.DoesNotContain(RfcSeed, log, StringComparison.Ordinal);
        Assert.Contains("\"Binding.Secret\":\"[REDACTED]\"", log, StringComparison.Ordinal);
        Assert.Contains("/v2/Services/" + Service, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_and_the_rate_limit_apply_to_verify_in_twilio_form()
    {
        await using var faulty = await RunningEmulator.StartAsync(o =>
        {
            o.FaultRate = 1;
            o.FaultKinds = new[] { FaultKind.TooManyRequests429 };
        });
        var fault = await faulty.VGetAsync(ServicePath);
        AssertTwilioError(fault, 429, 20429, "Too Many Requests");

        await using var limited = await RunningEmulator.StartAsync(o => o.RateLimitPerSecond = 2);
        var replies = new List<Reply>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add(await limited.VGetAsync(ServicePath));
        }

        limited.Clock.Advance(TimeSpan.FromSeconds(1));
        var later = await limited.VGetAsync(ServicePath);
        var stats = (await limited.GetAsync("/_emulator/stats", withKey: false)).Json;

        AssertStatus(replies[1], 200);
        AssertTwilioError(replies[2], 429, 20429);
        AssertStatus(later, 200);
        Assert.Equal(1, stats["rate_limited"]!.GetValue<int>());
        Assert.Equal(4, stats["routes"]!["GET /v2/Services/{sid}"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_v2_paths_are_404_20404_after_auth()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var unknown = await emulator.VGetAsync("/v2/Nope");
        var noAuth = await emulator.SendAsync(new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, "/v2/Nope"), withKey: false);
        AssertTwilioError(unknown, 404, 20404, "The requested resource /v2/Nope was not found");
        AssertTwilioError(noAuth, 401, 20003);
    }
}
