using System;
using System.Linq;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using static Authy.Emulator.Tests.Verify.VerifyCalls;

namespace Authy.Emulator.Tests.Verify;

/// <summary>docs/api/verify.md §4.4–§4.6 and §9: entities, TOTP factors on RFC 6238, challenges, push through the control API.</summary>
public class FactorContractTests
{
    private const string Identity = "ff483d1ff591898a9942916050d2ca3f";

    private const string Entity = ServicePath + "/Entities/" + Identity;

    /// <summary>An emulator whose clock stands at RFC 6238 appendix B's T = 1111111109 (6-digit code 081804).</summary>
    private static Task<RunningEmulator> AtRfcTimeAsync() =>
        RunningEmulator.StartAsync(o => o.Clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1111111109)));

    private static async Task<string> VerifiedFactorAsync(RunningEmulator emulator)
    {
        var created = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "Ann"), ("FactorType", "totp"), ("Binding.Secret", RfcSeed));
        var sid = created.Json.Str("sid");
        var verified = await emulator.VPostAsync(Entity + "/Factors/" + sid, ("AuthPayload", "081804"));
        Assert.Equal("verified", verified.Json.Str("status"));
        return sid;
    }

    [Fact]
    public async Task Totp_factor_create_makes_the_entity_and_shows_the_binding_once()
    {
        await using var emulator = await AtRfcTimeAsync();

        var created = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "John’s Account Name"), ("FactorType", "totp"), ("Binding.Secret", RfcSeed));
        var entity = await emulator.VGetAsync(Entity);
        var fetched = await emulator.VGetAsync(Entity + "/Factors/" + created.Json.Str("sid"));
        var list = await emulator.VGetAsync(Entity + "/Factors");

        AssertStatus(created, 201);
        var json = created.Json;
        Assert.Matches("^YF[0-9a-f]{32}$", json.Str("sid"));
        Assert.Equal(entity.Json.Str("sid"), json.Str("entity_sid"));
        Assert.Equal(RfcSeed, json["binding"]!.Str("secret"));
        Assert.Equal(
            "otpauth://totp/Verify%20Emulator:John%E2%80%99s%20Account%20Name?secret=" + RfcSeed + "&issuer=Verify%20Emulator&algorithm=SHA1&digits=6&period=30",
            json["binding"]!.Str("uri"));
        Assert.Equal("unverified", json.Str("status"));
        Assert.Equal("totp", json.Str("factor_type"));
        Assert.Equal("""{"alg":"sha1","skew":1,"code_length":6,"time_step":30}""", json["config"]!.ToJsonString());
        AssertStatus(entity, 200);
        Assert.Equal(Identity, entity.Json.Str("identity"));
        Assert.Null(fetched.Json["binding"]);
        Assert.DoesNotContain(RfcSeed, fetched.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(RfcSeed, list.Body, StringComparison.Ordinal);
        Assert.Single(list.Json["factors"]!.AsArray());
    }

    [Theory]
    [InlineData(59L, 8, "94287082")]
    [InlineData(1111111111L, 8, "14050471")]
    [InlineData(1234567890L, 6, "005924")]
    [InlineData(2000000000L, 6, "279037")]
    public async Task Factor_verification_follows_RFC_6238_vectors(long unixTime, int digits, string code)
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.Clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(unixTime)));
        var created = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "Ann"), ("FactorType", "totp"),
            ("Binding.Secret", RfcSeed), ("Config.CodeLength", digits.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Config.Skew", "0"));
        var sid = created.Json.Str("sid");
        var shown = await emulator.GetAsync($"/_emulator/verify/factors/{sid}/code", withKey: false);

        var verified = await emulator.VPostAsync(Entity + "/Factors/" + sid, ("AuthPayload", code));

        Assert.Equal(code, shown.Json.Str("code"));
        Assert.Equal("verified", verified.Json.Str("status"));
    }

    [Fact]
    public async Task Wrong_codes_leave_the_factor_unverified_and_the_sixth_try_is_429_60310()
    {
        await using var emulator = await AtRfcTimeAsync();
        var sid = (await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "Ann"), ("FactorType", "totp"), ("Binding.Secret", RfcSeed))).Json.Str("sid");

        for (var i = 0; i < 5; i++)
        {
            var wrong = await emulator.VPostAsync(Entity + "/Factors/" + sid, ("AuthPayload", "000000"));
            AssertStatus(wrong, 200);
            Assert.Equal("unverified", wrong.Json.Str("status"));
        }

        var sixth = await emulator.VPostAsync(Entity + "/Factors/" + sid, ("AuthPayload", "081804"));
        AssertTwilioError(sixth, 429, 60310);
    }

    [Fact]
    public async Task Skew_accepts_the_neighbouring_steps_only()
    {
        await using var emulator = await AtRfcTimeAsync();
        var sid = (await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "Ann"), ("FactorType", "totp"), ("Binding.Secret", RfcSeed))).Json.Str("sid");

        await emulator.AdvanceAsync(60); // two steps later: 081804 is out of the ±1 window.
        var late = await emulator.VPostAsync(Entity + "/Factors/" + sid, ("AuthPayload", "081804"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(-30)); // back one step on the test's clock: now within skew.
        var inWindow = await emulator.VPostAsync(Entity + "/Factors/" + sid, ("AuthPayload", "081804"));

        Assert.Equal("unverified", late.Json.Str("status"));
        Assert.Equal("verified", inWindow.Json.Str("status"));
    }

    [Fact]
    public async Task Entities_validate_identity_refuse_duplicates_list_and_delete()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var created = await emulator.VPostAsync(ServicePath + "/Entities", ("Identity", Identity));
        var duplicate = await emulator.VPostAsync(ServicePath + "/Entities", ("Identity", Identity));
        var shortId = await emulator.VPostAsync(ServicePath + "/Entities", ("Identity", "abc"));
        var badChars = await emulator.VPostAsync(ServicePath + "/Entities/ann%40example.com/Factors", ("FriendlyName", "x"), ("FactorType", "totp"));
        var list = await emulator.VGetAsync(ServicePath + "/Entities");
        var deleted = await emulator.VDeleteAsync(Entity);
        var gone = await emulator.VGetAsync(Entity);

        AssertStatus(created, 201);
        Assert.Matches("^YE[0-9a-f]{32}$", created.Json.Str("sid"));
        Assert.Equal(
            new[] { "factors", "new_factors", "challenges" },
            created.Json["links"]!.AsObject().Select(p => p.Key).ToArray());
        AssertTwilioError(duplicate, 409, 60301);
        AssertTwilioError(shortId, 400, 60300, "Invalid parameter: Identity");
        AssertTwilioError(badChars, 400, 60300, "Invalid parameter: Identity");
        Assert.Equal("entities", list.Json["meta"]!.Str("key"));
        Assert.Single(list.Json["entities"]!.AsArray());
        Assert.Equal(204, deleted.Status);
        AssertTwilioError(gone, 404, 20404);
    }

    [Fact]
    public async Task Factor_create_refuses_bad_parameters()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var badSecret = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "x"), ("FactorType", "totp"), ("Binding.Secret", "not base32!"));
        var push = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "x"), ("FactorType", "push"));
        var type = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "x"), ("FactorType", "sms"));
        var step = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "x"), ("FactorType", "totp"), ("Config.TimeStep", "10"));
        var alg = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "x"), ("FactorType", "totp"), ("Config.Alg", "md5"));
        var generated = await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "x"), ("FactorType", "totp"), ("Config.Alg", "sha256"), ("Metadata", """{"os":"Android"}"""));

        AssertTwilioError(badSecret, 400, 60314);
        AssertTwilioError(push, 403, 60313);
        AssertTwilioError(type, 400, 60300, "Invalid parameter: FactorType");
        AssertTwilioError(step, 400, 60300, "Invalid parameter: Config.TimeStep");
        AssertTwilioError(alg, 400, 60300, "Invalid parameter: Config.Alg");
        AssertStatus(generated, 201);
        Assert.Matches("^[A-Z2-7]{32}$", generated.Json["binding"]!.Str("secret"));
        Assert.Contains("algorithm=SHA256", generated.Json["binding"]!.Str("uri"), StringComparison.Ordinal);
        Assert.Equal("Android", generated.Json["metadata"]!.Str("os"));
    }

    [Fact]
    public async Task Totp_challenges_are_decided_by_the_code()
    {
        await using var emulator = await AtRfcTimeAsync();
        var factor = await VerifiedFactorAsync(emulator);

        var atCreate = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factor), ("AuthPayload", "081804"));
        var pending = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factor));
        var challenge = Entity + "/Challenges/" + pending.Json.Str("sid");
        var wrong = await emulator.VPostAsync(challenge, ("AuthPayload", "000000"));
        var right = await emulator.VPostAsync(challenge, ("AuthPayload", "081804"));
        var again = await emulator.VPostAsync(challenge, ("AuthPayload", "081804"));
        var approvedOnly = await emulator.VGetAsync(Entity + "/Challenges?Status=approved&Order=desc&PageSize=1");

        AssertStatus(atCreate, 201);
        Assert.Equal("approved", atCreate.Json.Str("status"));
        Assert.Equal("2005-03-18T01:58:29Z", atCreate.Json.Str("date_responded"));
        Assert.Equal("2005-03-18T02:03:29Z", atCreate.Json.Str("expiration_date"));
        Assert.Matches("^YC[0-9a-f]{32}$", pending.Json.Str("sid"));
        Assert.Equal("pending", pending.Json.Str("status"));
        Assert.Null(pending.Json["date_responded"]);
        Assert.Equal("totp", pending.Json.Str("factor_type"));
        Assert.EndsWith("/Notifications", pending.Json["links"]!.Str("notifications"), StringComparison.Ordinal);
        Assert.Equal("pending", wrong.Json.Str("status"));
        Assert.Equal("approved", right.Json.Str("status"));
        AssertTwilioError(again, 403, 60322);
        Assert.Equal(pending.Json.Str("sid"), Assert.Single(approvedOnly.Json["challenges"]!.AsArray())!.Str("sid"));
        Assert.NotNull(approvedOnly.Json["meta"]!["next_page_url"]);
    }

    [Fact]
    public async Task Challenge_limits_expiry_and_unverified_factors()
    {
        await using var emulator = await AtRfcTimeAsync();
        var unverified = (await emulator.VPostAsync(Entity + "/Factors", ("FriendlyName", "New"), ("FactorType", "totp"))).Json.Str("sid");
        var factor = await VerifiedFactorAsync(emulator);

        var onUnverified = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", unverified));
        var badExpiry = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factor), ("ExpirationDate", "2005-03-18T03:00:00Z"));
        var limited = Entity + "/Challenges/" + (await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factor))).Json.Str("sid");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("pending", (await emulator.VPostAsync(limited, ("AuthPayload", "000000"))).Json.Str("status"));
        }

        var sixth = await emulator.VPostAsync(limited, ("AuthPayload", "081804"));
        var expiring = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factor), ("ExpirationDate", "2005-03-18T02:00:00Z"));
        await emulator.AdvanceAsync(92);
        var expired = await emulator.VPostAsync(Entity + "/Challenges/" + expiring.Json.Str("sid"), ("AuthPayload", "081804"));
        var fetched = await emulator.VGetAsync(Entity + "/Challenges/" + expiring.Json.Str("sid"));

        AssertTwilioError(onUnverified, 403, 60318, "Factor is unverified");
        AssertTwilioError(badExpiry, 400, 60300, "Invalid parameter: ExpirationDate");
        AssertTwilioError(sixth, 429, 60308);
        Assert.Equal("2005-03-18T02:00:00Z", expiring.Json.Str("expiration_date"));
        AssertTwilioError(expired, 403, 60323, "Challenge expired");
        Assert.Equal("expired", fetched.Json.Str("status"));
    }

    [Fact]
    public async Task Push_challenges_expire_on_the_clock_refuse_updates_once_answered_and_bound_hidden_details()
    {
        await using var emulator = await AtRfcTimeAsync();
        var factorSid = (await emulator.ControlPostAsync("/_emulator/verify/push_factors?identity=" + Identity)).Json.Str("sid");

        // 2005-03-18T01:58:29Z now: this one lives 91 seconds.
        var expiring = await emulator.VPostAsync(Entity + "/Challenges",
            ("FactorSid", factorSid), ("Details.Message", "Expires"), ("ExpirationDate", "2005-03-18T02:00:00Z"));
        var expiringPath = Entity + "/Challenges/" + expiring.Json.Str("sid");
        var answered = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factorSid), ("Details.Message", "Answered"));
        var approve = await emulator.ControlPostAsync($"/_emulator/verify/challenges/{answered.Json.Str("sid")}/approve");
        var afterAnswer = await emulator.VPostAsync(Entity + "/Challenges/" + answered.Json.Str("sid"), ("Metadata", """{"device":"Pixel"}"""));
        var pendingBefore = await emulator.VGetAsync(expiringPath);
        await emulator.AdvanceAsync(92);
        var afterExpiry = await emulator.VPostAsync(expiringPath, ("Metadata", """{"device":"Pixel"}"""));
        var fetched = await emulator.VGetAsync(expiringPath);
        var lateAnswer = await emulator.ControlPostAsync($"/_emulator/verify/challenges/{expiring.Json.Str("sid")}/approve");

        // HiddenDetails: a JSON object of strings, at most 1024 characters ({"k":"…"} is 8 characters around the value).
        var hiddenTooLong = await emulator.VPostAsync(Entity + "/Challenges",
            ("FactorSid", factorSid), ("Details.Message", "x"), ("HiddenDetails", "{\"k\":\"" + new string('h', 1017) + "\"}"));
        var hiddenNumber = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factorSid), ("Details.Message", "x"), ("HiddenDetails", """{"n":1}"""));
        var hiddenAtLimit = await emulator.VPostAsync(Entity + "/Challenges",
            ("FactorSid", factorSid), ("Details.Message", "x"), ("HiddenDetails", "{\"k\":\"" + new string('h', 1016) + "\"}"));

        Assert.Equal("approved", approve.Json.Str("status"));
        AssertTwilioError(afterAnswer, 403, 60322, "Challenge already responded");
        Assert.Equal("pending", pendingBefore.Json.Str("status"));
        AssertTwilioError(afterExpiry, 403, 60323, "Challenge expired");
        Assert.Equal("expired", fetched.Json.Str("status"));
        Assert.Null(fetched.Json["date_responded"]);
        Assert.Equal(409, lateAnswer.Status);
        AssertTwilioError(hiddenTooLong, 400, 60300, "Invalid parameter: HiddenDetails");
        AssertTwilioError(hiddenNumber, 400, 60300, "Invalid parameter: HiddenDetails");
        AssertStatus(hiddenAtLimit, 201);
    }

    [Fact]
    public async Task Push_factors_and_challenges_come_from_the_control_api()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var factor = await emulator.ControlPostAsync("/_emulator/verify/push_factors?identity=" + Identity + "&friendly_name=Pixel&notification_platform=fcm");
        var factorSid = factor.Json.Str("sid");
        var challenge = await emulator.VPostAsync(Entity + "/Challenges",
            ("FactorSid", factorSid), ("Details.Message", "Sign in?"),
            ("Details.Fields", """{"label":"Action","value":"Sign up in portal"}"""),
            ("Details.Fields", """{"label":"IP","value":"192.0.2.1"}"""),
            ("HiddenDetails", """{"ip":"172.168.1.234"}"""));
        var sid = challenge.Json.Str("sid");
        var noMessage = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factorSid));
        var badField = await emulator.VPostAsync(Entity + "/Challenges", ("FactorSid", factorSid), ("Details.Message", "x"), ("Details.Fields", "label=Action"));
        var signed = await emulator.VPostAsync(Entity + "/Challenges/" + sid, ("AuthPayload", "c2lnbmF0dXJl"));
        var metadata = await emulator.VPostAsync(Entity + "/Challenges/" + sid, ("Metadata", """{"device":"Pixel"}"""));
        var approve = await emulator.ControlPostAsync($"/_emulator/verify/challenges/{sid}/approve");
        var fetched = await emulator.VGetAsync(Entity + "/Challenges/" + sid);
        var twice = await emulator.ControlPostAsync($"/_emulator/verify/challenges/{sid}/deny");
        var unknown = await emulator.ControlPostAsync("/_emulator/verify/challenges/YC00000000000000000000000000000000/deny");
        var badIdentity = await emulator.ControlPostAsync("/_emulator/verify/push_factors?identity=x");

        AssertStatus(factor, 201);
        Assert.Equal("verified", factor.Json.Str("status"));
        Assert.Equal("push", factor.Json.Str("factor_type"));
        Assert.Equal("fcm", factor.Json["config"]!.Str("notification_platform"));
        Assert.Equal("ES256", factor.Json["binding"]!.Str("alg"));
        AssertStatus(challenge, 201);
        Assert.Equal("""{"message":"Sign in?","fields":[{"label":"Action","value":"Sign up in portal"},{"label":"IP","value":"192.0.2.1"}]}""", challenge.Json["details"]!.ToJsonString());
        Assert.Equal("""{"ip":"172.168.1.234"}""", challenge.Json["hidden_details"]!.ToJsonString());
        AssertTwilioError(noMessage, 400, 60300, "Invalid parameter: Details.Message");
        AssertTwilioError(badField, 400, 60300, "Invalid parameter: Details.Fields");
        AssertTwilioError(signed, 403, 60324);
        Assert.Equal("Pixel", metadata.Json["metadata"]!.Str("device"));
        Assert.Equal("approved", approve.Json.Str("status"));
        Assert.Equal("approved", fetched.Json.Str("status"));
        Assert.NotNull(fetched.Json["date_responded"]);
        Assert.Equal(409, twice.Status);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(400, badIdentity.Status);
    }
}
