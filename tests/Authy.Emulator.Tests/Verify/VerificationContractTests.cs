using System;
using System.Linq;
using System.Threading.Tasks;
using static Authy.Emulator.Tests.Verify.VerifyCalls;

namespace Authy.Emulator.Tests.Verify;

/// <summary>docs/api/verify.md §4.2, §4.3, §5 and §9: verifications, checks, limits, expiry, the outbox.</summary>
public class VerificationContractTests
{
    private const string To = "+15017122661";

    [Fact]
    public async Task Start_returns_201_with_the_documented_shape_and_puts_the_code_in_the_outbox()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));
        var messages = await emulator.MessagesAsync("to=" + Uri.EscapeDataString(To));

        AssertStatus(reply, 201);
        var json = reply.Json;
        Assert.Equal(
            new[] { "sid", "service_sid", "account_sid", "to", "channel", "status", "valid", "date_created", "date_updated", "lookup", "amount", "payee", "send_code_attempts", "sna", "url" },
            json.AsObject().Select(p => p.Key).ToArray());
        Assert.Matches("^VE[0-9a-f]{32}$", json.Str("sid"));
        Assert.Equal(Service, json.Str("service_sid"));
        Assert.Equal(DefaultUser, json.Str("account_sid"));
        Assert.Equal(To, json.Str("to"));
        Assert.Equal("pending", json.Str("status"));
        Assert.False(json["valid"]!.GetValue<bool>());
        Assert.Equal("2024-01-15T12:00:00Z", json.Str("date_created"));
        Assert.Equal("2024-01-15T12:00:00.000Z", json["send_code_attempts"]![0]!.Str("time"));
        Assert.Matches("^VL[0-9a-f]{32}$", json["send_code_attempts"]![0]!.Str("attempt_sid"));
        Assert.Equal(emulator.BaseAddress.GetLeftPart(UriPartial.Authority) + ServicePath + "/Verifications/" + json.Str("sid"), json.Str("url"));
        var message = Assert.Single(messages);
        Assert.Equal("verify_sms", message.Str("channel"));
        Assert.Equal(1, message["country_code"]!.GetValue<int>());
        Assert.Equal("5017122661", message.Str("phone_number"));
        Assert.Matches("^[0-9]{6}$", message.Str("code"));
    }

    [Fact]
    public async Task A_resend_keeps_sid_and_code_and_the_sixth_start_is_429_60203()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var first = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));
        for (var i = 2; i <= 5; i++)
        {
            var again = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", i % 2 == 0 ? "call" : "sms"));
            AssertStatus(again, 201);
            Assert.Equal(first.Json.Str("sid"), again.Json.Str("sid"));
            Assert.Equal(i, again.Json["send_code_attempts"]!.AsArray().Count);
        }

        var sixth = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));
        var codes = (await emulator.MessagesAsync("to=" + Uri.EscapeDataString(To))).Select(m => m.Str("code")).Distinct();

        AssertTwilioError(sixth, 429, 60203, "Max send attempts reached");
        Assert.Single(codes);
    }

    [Fact]
    public async Task Five_wrong_codes_are_pending_the_sixth_check_is_429_60202()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));
        var code = await emulator.LatestCodeAsync("to=" + Uri.EscapeDataString(To));
        var wrongCode = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            var wrong = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("To", To), ("Code", wrongCode));
            AssertStatus(wrong, 200);
            Assert.Equal("pending", wrong.Json.Str("status"));
            Assert.False(wrong.Json["valid"]!.GetValue<bool>());
        }

        var sixth = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("To", To), ("Code", code));
        AssertTwilioError(sixth, 429, 60202, "Max check attempts reached");
    }

    [Fact]
    public async Task A_right_code_approves_and_the_verification_is_then_gone()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var start = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));
        var sid = start.Json.Str("sid");
        var code = await emulator.LatestCodeAsync("to=" + Uri.EscapeDataString(To));

        var check = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("VerificationSid", sid), ("Code", code));
        var fetch = await emulator.VGetAsync(ServicePath + "/Verifications/" + sid);
        var again = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("To", To), ("Code", code));
        var cancel = await emulator.VPostAsync(ServicePath + "/Verifications/" + sid, ("Status", "canceled"));

        AssertStatus(check, 200);
        Assert.Equal(
            new[] { "sid", "service_sid", "account_sid", "to", "channel", "status", "valid", "amount", "payee", "sna_attempts_error_codes", "date_created", "date_updated" },
            check.Json.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal("approved", check.Json.Str("status"));
        Assert.True(check.Json["valid"]!.GetValue<bool>());
        AssertTwilioError(fetch, 404, 20404, $"The requested resource {ServicePath}/Verifications/{sid} was not found");
        AssertTwilioError(again, 404, 20404, $"The requested resource {ServicePath}/VerificationCheck was not found");
        AssertTwilioError(cancel, 404, 20404);
    }

    [Fact]
    public async Task Canceled_stays_fetchable_by_sid_and_by_To_and_frees_the_number()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var start = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));

        // Twilio's own snippets address the verification by its To; the '+' arrives literally in the path.
        var cancel = await emulator.VPostAsync(ServicePath + "/Verifications/" + To, ("Status", "canceled"));
        var fetch = await emulator.VGetAsync(ServicePath + "/Verifications/" + start.Json.Str("sid"));
        var check = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("To", To), ("Code", "123456"));
        var restart = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));
        var illegal = await emulator.VPostAsync(ServicePath + "/Verifications/" + restart.Json.Str("sid"), ("Status", "pending"));
        var approve = await emulator.VPostAsync(ServicePath + "/Verifications/" + restart.Json.Str("sid"), ("Status", "approved"));

        AssertStatus(cancel, 200);
        Assert.Equal("canceled", cancel.Json.Str("status"));
        Assert.Equal("canceled", fetch.Json.Str("status"));
        AssertTwilioError(check, 404, 20404);
        AssertStatus(restart, 201);
        Assert.NotEqual(start.Json.Str("sid"), restart.Json.Str("sid"));
        AssertTwilioError(illegal, 400, 60441, "Illegal status");
        Assert.Equal("approved", approve.Json.Str("status"));
        Assert.True(approve.Json["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Ten_minutes_on_the_control_clock_expire_a_verification()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var start = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));
        var code = await emulator.LatestCodeAsync("to=" + Uri.EscapeDataString(To));

        await emulator.AdvanceAsync(599);
        var stillThere = await emulator.VGetAsync(ServicePath + "/Verifications/" + start.Json.Str("sid"));
        await emulator.AdvanceAsync(1);
        var fetch = await emulator.VGetAsync(ServicePath + "/Verifications/" + start.Json.Str("sid"));
        var check = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("To", To), ("Code", code));
        var restart = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"));

        AssertStatus(stillThere, 200);
        AssertTwilioError(fetch, 404, 20404);
        AssertTwilioError(check, 404, 20404);
        Assert.NotEqual(start.Json.Str("sid"), restart.Json.Str("sid"));
        Assert.Equal("2024-01-15T12:10:00Z", restart.Json.Str("date_created"));
    }

    [Theory]
    [InlineData("5017122661", "sms", 400, 60200, "Invalid parameter `To`: 5017122661")]
    [InlineData("+1501", "sms", 400, 60200, "Invalid parameter `To`: +1501")]
    [InlineData("ann@example.com", "sms", 400, 60200, "Invalid parameter `To`: ann@example.com")]
    [InlineData("+15017122661", "email", 400, 60200, "Invalid parameter `To`: +15017122661")]
    [InlineData("+15017122661", "pigeon", 400, 60200, "Invalid parameter: Channel")]
    [InlineData("+15555550001", "sms", 403, 60205, "SMS is not supported by landline phone number")]
    [InlineData("", "sms", 400, 60200, "Invalid parameter: To")]
    public async Task Bad_starts_get_the_documented_codes(string to, string channel, int status, int code, string message)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var reply = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", to), ("Channel", channel));
        AssertTwilioError(reply, status, code, message);
        Assert.Empty(await emulator.MessagesAsync(""));
    }

    [Fact]
    public async Task Email_channel_and_custom_codes_follow_the_service_settings()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var email = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", "Ann@Example.com"), ("Channel", "email"));
        var mail = await emulator.MessagesAsync("to=ann%40example.com");
        var refused = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "sms"), ("CustomCode", "4711"));
        await emulator.VPostAsync(ServicePath, ("CustomCodeEnabled", "true"));
        var custom = await emulator.VPostAsync(ServicePath + "/Verifications", ("To", To), ("Channel", "whatsapp"), ("CustomCode", "4711"));
        var check = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("To", To), ("Code", "4711"));

        AssertStatus(email, 201);
        Assert.Equal("verify_email", Assert.Single(mail).Str("channel"));
        AssertTwilioError(refused, 403, 60204);
        AssertStatus(custom, 201);
        Assert.Equal("approved", check.Json.Str("status"));
    }

    [Fact]
    public async Task Checks_without_a_target_or_with_a_bad_code_are_refused()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var noTarget = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("Code", "123456"));
        var shortCode = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("To", To), ("Code", "123"));
        var nothing = await emulator.VPostAsync(ServicePath + "/VerificationCheck", ("To", To), ("Code", "123456"));
        var unknownService = await emulator.VPostAsync("/v2/Services/VA0123456789abcdef0123456789abcdef/Verifications", ("To", To), ("Channel", "sms"));

        AssertTwilioError(noTarget, 400, 60221, "No target verification specified");
        AssertTwilioError(shortCode, 400, 60200, "Invalid parameter: Code");
        AssertTwilioError(nothing, 404, 20404);
        AssertTwilioError(unknownService, 404, 20404);
    }
}
