using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Authy.Validation;
using Xunit;

namespace Authy.Tests.Api;

/// <summary>Phone verification and Phone Intelligence (docs/api/authy.md §2.15–§2.18) against the scripted transport.</summary>
public class PhoneVerificationApiTests
{
    // 2.15 success as documented and seen in the java/rb mocks.
    private const string Started =
        """{"carrier":"AT&T Wireless","is_cellphone":true,"message":"Text message sent to +1 987-654-3210.","seconds_to_expire":599,"uuid":"b8ebcd40-1234-5678-3fb5-0e5d6a065904","success":true}""";

    private const string WrongCode =
        """{"error_code":"60022","message":"Verification code is incorrect","errors":{"message":"Verification code is incorrect"},"success":false}""";

    private const string NothingPending =
        """{"error_code":"60023","message":"No pending verifications for +1 321-345-1234 found.","errors":{"message":"No pending verifications for +1 321-345-1234 found."},"success":false}""";

    private const string InvalidKey =
        """{"error_code":"60001","message":"Invalid API key","errors":{"message":"Invalid API key"},"success":false}""";

    private static Harness HarnessReplying(int status, string body) => new Harness(new ScriptedHandler(Step.Json(status, body)));

    [Fact]
    public async Task Start_posts_every_given_parameter_including_code_length()
    {
        var harness = HarnessReplying(200, Started);

        await harness.Api.StartPhoneVerificationAsync(
            "987-654-3210", 1, "sms", 6, "pt-BR", "Your code: {{code}}", null, harness.Log, CancellationToken.None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/phones/verification/start", sent.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", sent.ContentType);
        Assert.Equal(
            "via=sms&country_code=1&phone_number=987-654-3210&code_length=6&locale=pt-BR&custom_message=Your%20code%3A%20%7B%7Bcode%7D%7D",
            sent.Body);
    }

    [Fact]
    public async Task Start_leaves_out_what_was_not_given()
    {
        var harness = HarnessReplying(200, Started);

        await harness.Api.StartPhoneVerificationAsync("9876543210", 44, "call", null, null, null, "004217", harness.Log, CancellationToken.None);

        Assert.Equal("via=call&country_code=44&phone_number=9876543210&custom_code=004217", Assert.Single(harness.Handler.Requests).Body);
    }

    [Fact]
    public async Task Start_reads_the_documented_reply()
    {
        var harness = HarnessReplying(200, Started);

        var started = await harness.Api.StartPhoneVerificationAsync("987-654-3210", 1, "sms", null, null, null, null, harness.Log, CancellationToken.None);

        Assert.Equal("b8ebcd40-1234-5678-3fb5-0e5d6a065904", started.Uuid);
        Assert.Equal("987-654-3210", started.PhoneNumber);
        Assert.Equal(1, started.CountryCode);
        Assert.Equal("sms", started.Via);
        Assert.Equal("AT&T Wireless", started.Carrier);
        Assert.True(started.IsCellphone);
        Assert.Null(started.IsPorted);
        Assert.Equal(599, started.SecondsToExpire);
        Assert.Null(started.SmsId);
        Assert.Equal("Text message sent to +1 987-654-3210.", started.Message);
    }

    [Fact]
    public async Task Start_reads_a_null_carrier_is_ported_and_sms_id()
    {
        // Carrier may be null for some regions; is_ported appears only sometimes; sms_id comes with custom codes (2.15).
        var harness = HarnessReplying(
            200,
            """{"carrier":null,"is_cellphone":false,"is_ported":"true","message":"Call to +44 20-7946-0018 initiated","seconds_to_expire":"600","uuid":"b8ebcd40-1234-5678-3fb5-0e5d6a065904","sms_id":"SM123","success":true}""");

        var started = await harness.Api.StartPhoneVerificationAsync("2079460018", 44, "call", null, null, null, null, harness.Log, CancellationToken.None);

        Assert.Null(started.Carrier);
        Assert.False(started.IsCellphone);
        Assert.True(started.IsPorted);
        Assert.Equal(600, started.SecondsToExpire);
        Assert.Equal("SM123", started.SmsId);
    }

    [Fact]
    public async Task Start_reads_the_old_sandbox_reply_with_a_null_uuid()
    {
        var harness = HarnessReplying(200, """{"message":"Text message sent to +1 987-654-3210.","seconds_to_expire":0,"uuid":null,"success":true}""");

        var started = await harness.Api.StartPhoneVerificationAsync("9876543210", 1, "sms", null, null, null, null, harness.Log, CancellationToken.None);

        Assert.Null(started.Uuid);
        Assert.Null(started.Carrier);
        Assert.Null(started.IsCellphone);
        Assert.Equal(0, started.SecondsToExpire);
    }

    [Theory]
    [InlineData(403, "60021", "Phone verification couldn't be created: custom codes are not allowed.")]
    [InlineData(403, "60082", "Can not send SMS to landline phone numbers")]
    [InlineData(403, "60083", "Phone number not provisioned with any carrier")]
    [InlineData(400, "60033", "Phone number is invalid")]
    [InlineData(400, "60004", "Invalid parameter: country_code - Parameter is required")]
    public async Task Start_errors_keep_their_code_and_text(int status, string code, string text)
    {
        var harness = HarnessReplying(status, $$"""{"error_code":"{{code}}","message":"{{text}}","errors":{"message":"{{text}}"},"success":false}""");

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.StartPhoneVerificationAsync("9876543210", 1, "sms", null, null, null, null, harness.Log, CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(text, error.ApiMessage);
        Assert.Equal("Authy." + code, error.ErrorId);
    }

    [Fact]
    public async Task Start_is_not_repeated_after_an_unavailable_reply_because_it_sends_a_message()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Json(200, Started)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.StartPhoneVerificationAsync("9876543210", 1, "sms", null, null, null, null, harness.Log, CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, harness.Handler.Count);
    }

    [Fact]
    public async Task Start_is_repeated_after_dos_protection()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(429, Fixtures.DosProtection), Step.Json(200, Started)));

        var started = await harness.Api.StartPhoneVerificationAsync("9876543210", 1, "sms", null, null, null, null, harness.Log, CancellationToken.None);

        Assert.Equal("b8ebcd40-1234-5678-3fb5-0e5d6a065904", started.Uuid);
        Assert.Equal(2, harness.Handler.Count);
    }

    [Fact]
    public async Task Check_sends_the_code_as_text_with_its_leading_zeros()
    {
        var harness = HarnessReplying(200, """{"message":"Verification code is correct.","success":true}""");

        var check = await harness.Api.CheckPhoneVerificationAsync("321-345-1234", 1, "0042", harness.Log, CancellationToken.None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal(
            "https://api.authy.com/protected/json/phones/verification/check?country_code=1&phone_number=321-345-1234&verification_code=0042",
            sent.Uri.AbsoluteUri);
        Assert.Null(sent.Body);
        Assert.True(check.IsValid);
        Assert.Null(check.ErrorCode);
        Assert.Equal("Verification code is correct.", check.Message);
        Assert.Equal("321-345-1234", check.PhoneNumber);
        Assert.Equal(1, check.CountryCode);
    }

    [Fact]
    public async Task Check_maps_60022_to_an_invalid_result_not_an_exception()
    {
        var harness = HarnessReplying(401, WrongCode);

        var check = await harness.Api.CheckPhoneVerificationAsync("3213451234", 1, "1234", harness.Log, CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Equal("60022", check.ErrorCode);
        Assert.Equal("Verification code is incorrect", check.Message);
    }

    [Fact]
    public async Task Check_throws_60023_when_nothing_is_pending()
    {
        var harness = HarnessReplying(404, NothingPending);

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.CheckPhoneVerificationAsync("3213451234", 1, "1234", harness.Log, CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("60023", error.ErrorCode);
        Assert.Equal("No pending verifications for +1 321-345-1234 found.", error.ApiMessage);
    }

    [Fact]
    public async Task Check_throws_on_a_bad_key_although_it_is_also_a_401()
    {
        var harness = HarnessReplying(401, InvalidKey);

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.CheckPhoneVerificationAsync("3213451234", 1, "1234", harness.Log, CancellationToken.None));

        Assert.Equal("60001", error.ErrorCode);
    }

    [Fact]
    public async Task Check_treats_success_false_on_a_200_as_a_failure_not_a_valid_code()
    {
        var harness = HarnessReplying(200, """{"message":"Verification code is incorrect","success":false,"error_code":"60022"}""");

        var check = await harness.Api.CheckPhoneVerificationAsync("3213451234", 1, "1234", harness.Log, CancellationToken.None);

        Assert.False(check.IsValid);
    }

    [Fact]
    public async Task Check_is_not_repeated_after_an_unavailable_reply_because_a_first_success_would_spend_the_code()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Json(404, NothingPending)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.CheckPhoneVerificationAsync("3213451234", 1, "1234", harness.Log, CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, harness.Handler.Count);
    }

    [Fact]
    public async Task Status_by_uuid_sends_only_the_uuid()
    {
        var harness = HarnessReplying(200, """{"message":"Phone Verification status.","status":"verified","seconds_to_expire":474,"success":true}""");

        var status = await harness.Api.GetPhoneVerificationStatusAsync("b8ebcd40-1234-5678-3fb5-0e5d6a065904", harness.Log, CancellationToken.None);

        Assert.Equal(
            "https://api.authy.com/protected/json/phones/verification/status?uuid=b8ebcd40-1234-5678-3fb5-0e5d6a065904",
            Assert.Single(harness.Handler.Requests).Uri.AbsoluteUri);
        Assert.Equal("verified", status.Status);
        Assert.Equal(474, status.SecondsToExpire);
        Assert.Equal("b8ebcd40-1234-5678-3fb5-0e5d6a065904", status.Uuid);
        Assert.Null(status.PhoneNumber);
        Assert.Null(status.CountryCode);
        Assert.Equal("Phone Verification status.", status.Message);
    }

    [Fact]
    public async Task Status_by_phone_sends_country_code_and_phone_number()
    {
        var harness = HarnessReplying(200, """{"message":"Phone Verification status.","status":"pending","seconds_to_expire":"599","success":true}""");

        var status = await harness.Api.GetPhoneVerificationStatusAsync("321 345 1234", 351, harness.Log, CancellationToken.None);

        Assert.Equal(
            "https://api.authy.com/protected/json/phones/verification/status?country_code=351&phone_number=321%20345%201234",
            Assert.Single(harness.Handler.Requests).Uri.AbsoluteUri);
        Assert.Equal("pending", status.Status);
        Assert.Equal(599, status.SecondsToExpire);
        Assert.Equal("321 345 1234", status.PhoneNumber);
        Assert.Equal(351, status.CountryCode);
        Assert.Null(status.Uuid);
    }

    [Fact]
    public async Task Phone_info_reads_the_documented_reply()
    {
        var harness = HarnessReplying(200, """{"message":"Phone number information as of 2017-11-25 23:21:39 UTC","type":"voip","provider":"Pinger","ported":false,"success":true}""");

        var info = await harness.Api.GetPhoneInfoAsync("987-654-3210", 1, "203.0.113.7", harness.Log, CancellationToken.None);

        Assert.Equal(
            "https://api.authy.com/protected/json/phones/info?country_code=1&phone_number=987-654-3210&user_ip=203.0.113.7",
            Assert.Single(harness.Handler.Requests).Uri.AbsoluteUri);
        Assert.Equal("voip", info.Type);
        Assert.Equal("Pinger", info.Provider);
        Assert.False(info.IsPorted);
        Assert.Equal("Phone number information as of 2017-11-25 23:21:39 UTC", info.Message);
        Assert.Equal("987-654-3210", info.PhoneNumber);
        Assert.Equal(1, info.CountryCode);
    }

    [Theory]
    [InlineData("""{"message":"m","type":"landline","success":true}""", "landline")]
    [InlineData("""{"message":"m","type":"unknown","provider":null,"ported":null,"success":true}""", "unknown")]
    [InlineData("""{"message":"m","success":true}""", "unknown")]
    public async Task Phone_info_tolerates_absent_and_null_provider_and_ported(string body, string type)
    {
        var harness = HarnessReplying(200, body);

        var info = await harness.Api.GetPhoneInfoAsync("9876543210", 1, null, harness.Log, CancellationToken.None);

        Assert.Equal(type, info.Type);
        Assert.Null(info.Provider);
        Assert.Null(info.IsPorted);
        Assert.DoesNotContain("user_ip", Assert.Single(harness.Handler.Requests).Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_info_server_error_60025_keeps_its_code()
    {
        var harness = HarnessReplying(
            500,
            """{"error_code":"60025","message":"Server error while querying phone information. Please try again later","errors":{"message":"Server error while querying phone information. Please try again later"},"success":false}""");

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.GetPhoneInfoAsync("9876543210", 1, null, harness.Log, CancellationToken.None));

        Assert.Equal("60025", error.ErrorCode);
        Assert.Equal(500, error.StatusCode);
    }

    [Theory]
    [InlineData("1234", true)]
    [InlineData("0000", true)]
    [InlineData("0123456789", true)]
    [InlineData("123", false)]
    [InlineData("12345678901", false)]
    [InlineData("12a4", false)]
    [InlineData(" 1234", false)]
    [InlineData("１２３４", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Verification_codes_are_4_to_10_ascii_digits(string? code, bool valid)
    {
        Assert.Equal(valid, PhoneVerificationRules.VerificationCode(code) == null);
    }

    [Theory]
    [InlineData("pt-BR", "pt-BR")]
    [InlineData("PT-br", "pt-BR")]
    [InlineData(" zh-hk ", "zh-HK")]
    [InlineData("en", "en")]
    [InlineData("en-US", null)]
    [InlineData("xx", null)]
    [InlineData(null, null)]
    public void Locales_come_from_the_documented_list_in_its_spelling(string? given, string? expected)
    {
        Assert.Equal(expected, PhoneVerificationRules.CanonicalLocale(given));
        Assert.Equal(expected != null, PhoneVerificationRules.Locale(given) == null);
    }
}
