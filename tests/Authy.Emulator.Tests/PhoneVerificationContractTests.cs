using System;
using System.Threading.Tasks;

namespace Authy.Emulator.Tests;

/// <summary>docs/api/authy.md §2.15–§2.18 and the documented test numbers.</summary>
public class PhoneVerificationContractTests
{
    [Fact]
    public async Task Start_sms_sends_a_four_digit_code_and_check_accepts_it()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var start = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=sms&country_code=1&phone_number=987-654-3210&locale=en");
        var code = await emulator.LatestCodeAsync("phone_number=9876543210&country_code=1");
        var wrong = await emulator.GetAsync("/protected/json/phones/verification/check?country_code=1&phone_number=9876543210&verification_code=" + (code == "0000" ? "1111" : "0000"));
        var right = await emulator.GetAsync($"/protected/json/phones/verification/check?country_code=1&phone_number=9876543210&verification_code={code}");
        var again = await emulator.GetAsync($"/protected/json/phones/verification/check?country_code=1&phone_number=9876543210&verification_code={code}");

        Assert.Equal(200, start.Status);
        Assert.Matches(
            """^\{"carrier":"[^"]+","is_cellphone":true,"message":"Text message sent to \+1 987-654-3210\.","seconds_to_expire":599,"uuid":"[0-9a-f-]{36}","success":true\}$""",
            start.Body);
        Assert.Matches("^[0-9]{4}$", code);
        Assert.Equal(401, wrong.Status);
        Assert.Equal(
            """{"error_code":"60022","message":"Verification code is incorrect","errors":{"message":"Verification code is incorrect"},"success":false}""",
            wrong.Body);
        Assert.Equal("""{"message":"Verification code is correct.","success":true}""", right.Body);
        Assert.Equal(404, again.Status);
        Assert.Equal(
            """{"error_code":"60023","message":"No pending verifications for +1 987-654-3210 found.","errors":{"message":"No pending verifications for +1 987-654-3210 found."},"success":false}""",
            again.Body);
    }

    [Fact]
    public async Task Repeated_start_in_the_window_resends_the_same_code_and_call_has_its_own_message()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var first = await emulator.PostFormAsync("/protected/json/phones/verification/start", ("via", "sms"), ("country_code", "1"), ("phone_number", "9876543210"), ("code_length", "6"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(126));
        var second = await emulator.PostJsonAsync("/protected/json/phones/verification/start", """{"via":"call","country_code":1,"phone_number":"987.654.3210"}""");
        var messages = await emulator.MessagesAsync("phone_number=9876543210");

        Assert.Equal(first.Json["uuid"]!.GetValue<string>(), second.Json["uuid"]!.GetValue<string>());
        Assert.Equal("Call to +1 987-654-3210 initiated", second.Json["message"]!.GetValue<string>());
        Assert.Equal(473, second.Json["seconds_to_expire"]!.GetValue<int>());
        Assert.Equal(2, messages.Count);
        Assert.Equal(messages[0]["code"]!.GetValue<string>(), messages[1]["code"]!.GetValue<string>());
        Assert.Matches("^[0-9]{6}$", messages[0]["code"]!.GetValue<string>());
        Assert.Equal("verification_sms", messages[0]["channel"]!.GetValue<string>());
        Assert.Equal("verification_call", messages[1]["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Code_expires_after_ten_minutes_and_status_reports_each_state()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var start = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=sms&country_code=44&phone_number=07700900123");
        var uuid = start.Json["uuid"]!.GetValue<string>();
        Assert.Equal("Text message sent to +44 770-090-0123.", start.Json["message"]!.GetValue<string>());

        var pending = await emulator.GetAsync($"/protected/json/phones/verification/status?uuid={uuid}");
        emulator.Clock.Advance(TimeSpan.FromSeconds(600));
        var expired = await emulator.GetAsync("/protected/json/phones/verification/status?country_code=44&phone_number=07700900123");
        var code = await emulator.LatestCodeAsync("phone_number=07700900123");
        var lateCheck = await emulator.GetAsync($"/protected/json/phones/verification/check?country_code=44&phone_number=07700900123&verification_code={code}");
        var neither = await emulator.GetAsync("/protected/json/phones/verification/status");
        var unknown = await emulator.GetAsync("/protected/json/phones/verification/status?uuid=nope");

        Assert.Equal("""{"message":"Phone Verification status.","status":"pending","seconds_to_expire":599,"success":true}""", pending.Body);
        Assert.Equal("""{"message":"Phone Verification status.","status":"expired","seconds_to_expire":0,"success":true}""", expired.Body);
        Assert.Equal(404, lateCheck.Status);
        Assert.Equal(400, neither.Status);
        Assert.Equal("60042", neither.Json["error_code"]!.GetValue<string>());
        Assert.Equal(404, unknown.Status);
    }

    [Theory]
    [InlineData("country_code=1&phone_number=9876543210", 400, "60004", "Invalid parameter: via - Parameter is required")]
    [InlineData("via=sms&phone_number=9876543210", 400, "60004", "Invalid parameter: country_code - Parameter is required")]
    [InlineData("via=sms&country_code=US&phone_number=9876543210", 400, "60004", "Invalid parameter: country_code - 'US' is not a valid Integer")]
    [InlineData("via=sms&country_code=1", 400, "60004", "Invalid parameter: phone_number - Parameter is required")]
    [InlineData("via=sms&country_code=1&phone_number=12345", 400, "60033", "Phone number is invalid")]
    [InlineData("via=sms&country_code=222&phone_number=9876543210", 400, "60033", "Phone number is invalid")]
    [InlineData("via=sms&country_code=1&phone_number=800-555-1234", 403, "60083", "Phone number not provisioned with any carrier")]
    [InlineData("via=call&country_code=1&phone_number=555-555-0003", 403, "60083", "Phone number not provisioned with any carrier")]
    [InlineData("via=sms&country_code=1&phone_number=555-555-0001", 403, "60082", "Can not send SMS to landline phone numbers")]
    [InlineData("via=sms&country_code=1&phone_number=9876543210&custom_code=123456", 403, "60021", "Phone verification couldn't be created: custom codes are not allowed.")]
    [InlineData("via=sms&country_code=1&phone_number=9876543210&code_length=11", 400, "60004", "Invalid parameter: code_length - Must be between 4 and 10")]
    public async Task Start_errors_follow_the_documented_codes(string query, int status, string code, string message)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.PostQueryAsync("/protected/json/phones/verification/start?" + query);

        Assert.Equal(status, reply.Status);
        Assert.Equal(
            $$"""{"error_code":"{{code}}","message":"{{message}}","errors":{"message":"{{message}}"},"success":false}""",
            reply.Body);
    }

    [Fact]
    public async Task Landline_can_be_called_and_custom_messages_and_codes_follow_the_switches()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.AllowCustomCodes = true);

        var landlineCall = await emulator.PostQueryAsync("/protected/json/phones/verification/start?via=call&country_code=1&phone_number=555-555-0001");
        var custom = await emulator.PostFormAsync(
            "/protected/json/phones/verification/start",
            ("via", "sms"), ("country_code", "1"), ("phone_number", "9876543210"),
            ("custom_code", "024680"), ("custom_message", "Your ACME code is {{code}}"));
        var message = (await emulator.MessagesAsync("phone_number=9876543210"))[0];

        Assert.Equal(200, landlineCall.Status);
        Assert.False(landlineCall.Json["is_cellphone"]!.GetValue<bool>());
        Assert.Equal(200, custom.Status);
        Assert.Equal("024680", message["code"]!.GetValue<string>());
        Assert.Equal("Your ACME code is 024680", message["body"]!.GetValue<string>());

        await using var strict = await RunningEmulator.StartAsync(o => o.DenyCustomMessages = true);
        var denied = await strict.PostQueryAsync("/protected/json/phones/verification/start?via=sms&country_code=1&phone_number=9876543210&custom_message=hi");
        Assert.Equal(403, denied.Status);
        Assert.Equal("Phone verification couldn't be created: custom messages are not allowed.", denied.Json["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("9876543210", "cellphone", true, false)]
    [InlineData("555-555-0001", "landline", true, false)]
    [InlineData("555-555-0002", "voip", true, false)]
    [InlineData("555-555-0003", "unknown", false, false)]
    [InlineData("555-555-0004", "cellphone", true, true)]
    [InlineData("888-555-1234", "unknown", false, false)]
    public async Task Phone_info_is_deterministic_by_test_number(string phone, string type, bool hasProvider, bool ported)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var reply = await emulator.GetAsync($"/protected/json/phones/info?country_code=1&phone_number={phone}&user_ip=127.0.0.1");

        Assert.Equal(200, reply.Status);
        Assert.Matches(
            $$"""^\{"message":"Phone number information as of 2024-01-15 12:00:00 UTC","type":"{{type}}","provider":{{(hasProvider ? "\"[^\"]+\"" : "null")}},"ported":{{(ported ? "true" : "false")}},"success":true\}$""",
            reply.Body);
    }

    [Fact]
    public async Task Phone_info_validates_its_parameters()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var missing = await emulator.GetAsync("/protected/json/phones/info?country_code=1");
        var invalid = await emulator.GetAsync("/protected/json/phones/info?country_code=1&phone_number=12");

        Assert.Equal(400, missing.Status);
        Assert.Equal("60004", missing.Json["error_code"]!.GetValue<string>());
        Assert.Equal(400, invalid.Status);
        Assert.Equal("60033", invalid.Json["error_code"]!.GetValue<string>());
    }
}
