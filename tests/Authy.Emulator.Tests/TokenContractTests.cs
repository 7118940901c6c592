using System;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>docs/api/authy.md §2.6–§2.9: sending and verifying one-time tokens.</summary>
public class TokenContractTests
{
    private const string TokenInvalid =
        """{"message":"Token is invalid","token":"is invalid","success":false,"errors":{"message":"Token is invalid"},"error_code":"60020"}""";

    private const string TokenReused =
        """{"message":"Token is invalid. Token was used recently.","token":"is invalid","success":false,"errors":{"message":"Token is invalid. Token was used recently."},"error_code":"60019"}""";

    [Fact]
    public async Task Sms_is_sent_with_a_masked_phone_and_a_seven_digit_code_in_the_outbox()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync("555-123-4534");

        var reply = await emulator.GetAsync($"/protected/json/sms/{id}?locale=es");

        Assert.Equal("""{"success":true,"message":"SMS token was sent","cellphone":"+1-XXX-XXX-XX34"}""", reply.Body);
        var messages = await emulator.MessagesAsync($"authy_id={id}");
        var message = Assert.Single(messages);
        Assert.Equal("sms", message["channel"]!.GetValue<string>());
        Assert.Matches("^[0-9]{7}$", message["code"]!.GetValue<string>());
        Assert.Equal("5551234534", message["phone_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Call_is_started_with_the_documented_body()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync("912-345-667", 351);

        var reply = await emulator.GetAsync($"/protected/json/call/{id}");

        Assert.Equal("""{"cellphone":"+351-XXX-XXX-XX67","message":"Call started...","success":true}""", reply.Body);
        Assert.Equal("call", (await emulator.MessagesAsync($"authy_id={id}"))[0]["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task App_users_get_ignored_replies_unless_forced_and_the_app_token_is_recorded()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync("300-555-0112", 57);
        Assert.Equal(200, (await emulator.PostQueryAsync($"/_emulator/users/{id}/app", withKey: false)).Status);

        var sms = await emulator.GetAsync($"/protected/json/sms/{id}");
        var call = await emulator.GetAsync($"/protected/json/call/{id}");
        var forced = await emulator.GetAsync($"/protected/json/sms/{id}?force=true");

        Assert.Equal(
            """{"message":"Ignored: SMS is not needed for smartphones. Pass force=true if you want to actually send it anyway.","cellphone":"+57-XXX-XXX-XX12","device":"android","ignored":true,"success":true}""",
            sms.Body);
        Assert.Equal(
            """{"message":"Call ignored. User is using  App Tokens and this call is not necessary. Pass force=true if you still want to call users that are using the App.","cellphone":"+57-XXX-XXX-XX12","device":"android","ignored":true,"success":true}""",
            call.Body);
        Assert.Equal("""{"success":true,"message":"SMS token was sent","cellphone":"+57-XXX-XXX-XX12"}""", forced.Body);

        var channels = (await emulator.MessagesAsync($"authy_id={id}")).ConvertAll(m => m["channel"]!.GetValue<string>());
        Assert.Equal(new[] { "app", "app", "app", "sms" }, channels);

        var appCode = (await emulator.MessagesAsync($"authy_id={id}&channel=app"))[1]["code"]!.GetValue<string>();
        var verified = await emulator.GetAsync($"/protected/json/verify/{appCode}/{id}");
        Assert.Equal(200, verified.Status);
        Assert.Equal("android", verified.Json["device"]!["os_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Email_token_is_sent_to_the_users_email()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync(email: "recipient@foo.com");

        var reply = await emulator.PostQueryAsync($"/protected/json/email/{id}?force=true");

        Assert.Equal(200, reply.Status);
        Assert.Matches(
            """^\{"success":true,"message":"Email token was sent","email":"recipient@foo\.com","email_id":"EM[0-9a-f]{32}"\}$""",
            reply.Body);
        var message = Assert.Single(await emulator.MessagesAsync($"authy_id={id}"));
        Assert.Equal("recipient@foo.com", message["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Forced_verification_accepts_the_sent_token_once_then_reports_reuse()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.GetAsync($"/protected/json/sms/{id}");
        var code = await emulator.LatestCodeAsync($"authy_id={id}");

        var first = await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true");
        var second = await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true");

        Assert.Equal(200, first.Status);
        Assert.StartsWith("""{"message":"Token is valid.","token":"is valid","success":"true","device":{"id":null,"os_type":"sms",""", first.Body, StringComparison.Ordinal);
        Assert.Equal(401, second.Status);
        Assert.Equal(TokenReused, second.Body);
        var status = await emulator.GetAsync($"/protected/json/users/{id}/status");
        Assert.True(status.Json["status"]!["confirmed"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("0000000")]
    [InlineData("1234567")]
    [InlineData("12ab567")]
    public async Task Wrong_tokens_are_401_60020_and_0000000_is_not_special(string token)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.GetAsync($"/protected/json/sms/{id}");
        var code = await emulator.LatestCodeAsync($"authy_id={id}");
        if (code == token)
        {
            return;
        }

        var reply = await emulator.GetAsync($"/protected/json/verify/{token}/{id}?force=true");

        Assert.Equal(401, reply.Status);
        Assert.Equal(TokenInvalid, reply.Body);
    }

    [Fact]
    public async Task Unconfirmed_user_without_force_verifies_any_digits_the_legacy_behaviour()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();

        var legacy = await emulator.GetAsync($"/protected/json/verify/7654321/{id}");
        var forced = await emulator.GetAsync($"/protected/json/verify/7654321/{id}?force=True");
        var nonDigits = await emulator.GetAsync($"/protected/json/verify/abcdefg/{id}");

        Assert.Equal(200, legacy.Status);
        Assert.Equal("is valid", legacy.Json["token"]!.GetValue<string>());
        Assert.Equal(401, forced.Status);
        Assert.Equal(401, nonDigits.Status);
    }

    [Fact]
    public async Task Confirmed_user_is_always_enforced_even_without_force()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.GetAsync($"/protected/json/sms/{id}");
        var code = await emulator.LatestCodeAsync($"authy_id={id}");
        Assert.Equal(200, (await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=1")).Status);

        var reply = await emulator.GetAsync($"/protected/json/verify/7654321/{id}");

        Assert.Equal(401, reply.Status);
    }

    [Fact]
    public async Task Tokens_expire_after_ten_minutes()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.GetAsync($"/protected/json/sms/{id}");
        var code = await emulator.LatestCodeAsync($"authy_id={id}");

        emulator.Clock.Advance(TimeSpan.FromMinutes(10));
        var reply = await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true");

        Assert.Equal(401, reply.Status);
        Assert.Equal("60020", reply.Json["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Action_given_on_send_must_be_given_on_verify()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var id = await emulator.CreateUserAsync();
        await emulator.GetAsync($"/protected/json/sms/{id}?action=login&action_message=Log%20in");
        var code = await emulator.LatestCodeAsync($"authy_id={id}");

        var noAction = await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true");
        var otherAction = await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true&action=transfer");
        var rightAction = await emulator.GetAsync($"/protected/json/verify/{code}/{id}?force=true&action=login");

        Assert.Equal(401, noAction.Status);
        Assert.Equal(401, otherAction.Status);
        Assert.Equal(200, rightAction.Status);
        Assert.Equal("login", (await emulator.MessagesAsync($"authy_id={id}"))[0]["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Qr_code_and_secret_export()
    {
        await using var disabled = await RunningEmulator.StartAsync();
        var id = await disabled.CreateUserAsync();

        var qr = await disabled.PostFormAsync($"/protected/json/users/{id}/secret", ("qr_size", "300"), ("label", "My Example App"));
        var badSize = await disabled.PostFormAsync($"/protected/json/users/{id}/secret", ("qr_size", "big"));
        var export = await disabled.GetAsync($"/protected/json/users/{id}/secret/export");

        Assert.Equal(200, qr.Status);
        Assert.Matches("""^\{"qr_code":"https://[^"]+\.png\?size=300","success":true\}$""", qr.Body);
        Assert.Equal(400, badSize.Status);
        Assert.Equal(403, export.Status);
        Assert.Equal(
            """{"message":"Migration tools disabled","success":false,"errors":{"message":"Migration tools disabled"},"error_code":"60154"}""",
            export.Body);

        await using var enabled = await RunningEmulator.StartAsync(o => o.EnableSecretExport = true);
        var user = await enabled.CreateUserAsync();
        var secret = await enabled.GetAsync($"/protected/json/users/{user}/secret/export");
        Assert.Equal(200, secret.Status);
        var otp = secret.Json["otp"]!.GetValue<string>();
        Assert.Matches("^[0-9]{6}$", otp);
        var verified = await enabled.GetAsync($"/protected/json/verify/{otp}/{user}?force=true");
        Assert.Equal(200, verified.Status);
    }
}
