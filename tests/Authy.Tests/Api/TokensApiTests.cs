using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Xunit;

namespace Authy.Tests.Api;

/// <summary>
/// AuthyApi token and user-account methods (docs/api/authy.md §2.4–§2.10) against the scripted transport:
/// what goes on the wire, and how the quirky replies are read.
/// </summary>
public class TokensApiTests
{
    private const string SmsSent = """{"success":true,"message":"SMS token was sent","cellphone":"+1-XXX-XXX-XX34"}""";

    private const string SmsIgnored =
        """{"message":"Ignored: SMS is not needed for smartphones. Pass force=true if you want to actually send it anyway.","cellphone":"+57-XXX-XXX-XX12","device":"android","ignored":true,"success":true}""";

    private const string CallStarted = """{"cellphone":"+351-XXX-XXX-XX67","message":"Call started...","success":true}""";

    // The double space in "using  App" is Authy's (2.7).
    private const string CallIgnoredText =
        "Call ignored. User is using  App Tokens and this call is not necessary. Pass force=true if you still want to call users that are using the App.";

    private const string CallIgnored =
        """{"message":"Call ignored. User is using  App Tokens and this call is not necessary. Pass force=true if you still want to call users that are using the App.","cellphone":"+57-XXX-XXX-XX12","device":"android","ignored":true,"success":true}""";

    private const string TokenReused =
        """{"message":"Token is invalid. Token was used recently.","token":"is invalid","success":false,"errors":{"message":"Token is invalid. Token was used recently."},"error_code":"60019"}""";

    private const string InvalidKey =
        """{"error_code":"60001","message":"Invalid API key","errors":{"message":"Invalid API key"},"success":false}""";

    private static readonly CancellationToken None = CancellationToken.None;

    // ---- SMS and call (2.6, 2.7) ----

    [Fact]
    public async Task SendSms_without_options_sends_a_bare_get()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, SmsSent)));

        await harness.Api.SendSmsTokenAsync(1635, false, null, null, null, harness.Log, None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/sms/1635", sent.Uri.AbsoluteUri);
        Assert.Null(sent.Body);
    }

    [Fact]
    public async Task SendSms_encodes_force_action_message_and_locale_in_the_query()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, SmsSent)));

        await harness.Api.SendSmsTokenAsync(1635, true, "login", "Sign in & pay", "pt-BR", harness.Log, None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal("/protected/json/sms/1635", sent.Uri.AbsolutePath);
        Assert.Equal("?force=true&action=login&action_message=Sign%20in%20%26%20pay&locale=pt-BR", sent.Uri.Query);
    }

    [Fact]
    public async Task SendSms_sent_reply_has_no_ignored_keys_and_reads_as_sent()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, SmsSent)));

        var delivery = await harness.Api.SendSmsTokenAsync(1635, false, null, null, null, harness.Log, None);

        Assert.Equal(1635, delivery.AuthyId);
        Assert.Equal("sms", delivery.Channel);
        Assert.True(delivery.Sent);
        Assert.False(delivery.Ignored);
        Assert.Null(delivery.Device);
        Assert.Equal("+1-XXX-XXX-XX34", delivery.Cellphone);
        Assert.Equal("SMS token was sent", delivery.Message);
    }

    [Fact]
    public async Task SendSms_ignored_is_a_result_not_an_error()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, SmsIgnored)));

        var delivery = await harness.Api.SendSmsTokenAsync(1635, false, null, null, null, harness.Log, None);

        Assert.True(delivery.Ignored);
        Assert.False(delivery.Sent);
        Assert.Equal("android", delivery.Device);
        Assert.Equal("+57-XXX-XXX-XX12", delivery.Cellphone);
        Assert.StartsWith("Ignored: SMS is not needed", delivery.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendSms_reads_ignored_sent_as_text_and_a_null_device()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"message":"Ignored","cellphone":"+1-XXX-XXX-XX34","device":null,"ignored":"true","success":"true"}""")));

        var delivery = await harness.Api.SendSmsTokenAsync(1635, false, null, null, null, harness.Log, None);

        Assert.True(delivery.Ignored);
        Assert.Null(delivery.Device);
    }

    [Fact]
    public async Task StartCall_uses_the_call_path_and_the_same_parameters()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, CallStarted)));

        var delivery = await harness.Api.StartCallTokenAsync(7, true, "login", null, "es", harness.Log, None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal("https://api.authy.com/protected/json/call/7?force=true&action=login&locale=es", sent.Uri.AbsoluteUri);
        Assert.Equal("call", delivery.Channel);
        Assert.True(delivery.Sent);
        Assert.Equal("Call started...", delivery.Message);
    }

    [Fact]
    public async Task StartCall_ignored_keeps_the_double_space_of_the_message()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, CallIgnored)));

        var delivery = await harness.Api.StartCallTokenAsync(7, false, null, null, null, harness.Log, None);

        Assert.True(delivery.Ignored);
        Assert.Equal(CallIgnoredText, delivery.Message);
        Assert.Contains("using  App", delivery.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "text/plain", "Internal Server Error")]
    [InlineData(503, "text/html", Fixtures.Html503)]
    public async Task SendSms_is_never_sent_twice_after_a_server_error(int status, string contentType, string body)
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(status, body, contentType), Step.Json(200, SmsSent)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.SendSmsTokenAsync(1635, true, null, null, null, harness.Log, None));

        Assert.Equal(1, harness.Handler.Count);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task StartCall_is_never_sent_twice_after_a_reset()
    {
        var harness = new Harness(new ScriptedHandler(Step.Throw(Harness.ResetAfterSend), Step.Json(200, CallStarted)));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() =>
            harness.Api.StartCallTokenAsync(1635, true, null, null, null, harness.Log, None));

        Assert.Equal(1, harness.Handler.Count);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task SendSms_to_an_unknown_user_throws_60026()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(404, Fixtures.UserNotFound)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.SendSmsTokenAsync(1635, false, null, null, null, harness.Log, None));

        Assert.Equal("60026", error.ErrorCode);
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task SendSms_refuses_an_action_longer_than_255_before_sending()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, SmsSent)));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Api.SendSmsTokenAsync(1, false, new string('a', 256), null, null, harness.Log, None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Api.StartCallTokenAsync(1, false, null, new string('a', 256), null, harness.Log, None));
        await harness.Api.SendSmsTokenAsync(1, false, new string('a', 255), new string('b', 255), null, harness.Log, None);

        Assert.Equal(1, harness.Handler.Count);
    }

    // ---- Email (2.8) ----

    [Fact]
    public async Task SendEmail_posts_and_reads_the_address_and_email_id()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200,
            """{"success":true,"message":"Email token was sent","email":"recipient@foo.com","email_id":"EMa364aa751cc280d8c22772307e2c5760"}""")));

        var delivery = await harness.Api.SendEmailTokenAsync(1635, harness.Log, None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/email/1635", sent.Uri.AbsoluteUri);
        Assert.Equal("email", delivery.Channel);
        Assert.True(delivery.Sent);
        Assert.False(delivery.Ignored);
        Assert.Equal("recipient@foo.com", delivery.Email);
        Assert.Equal("EMa364aa751cc280d8c22772307e2c5760", delivery.EmailId);
        Assert.Equal("Email token was sent", delivery.Message);
    }

    [Fact]
    public async Task SendEmail_is_never_sent_twice_after_a_server_error()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Json(200, Fixtures.Ok)));

        await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.SendEmailTokenAsync(1635, harness.Log, None));

        Assert.Equal(1, harness.Handler.Count);
    }

    // ---- Verify (2.9) ----

    [Fact]
    public async Task VerifyToken_sends_force_true_and_keeps_leading_zeros()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.TokenValid)));

        await harness.Api.VerifyTokenAsync(1635, "0012345", true, null, harness.Log, None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/verify/0012345/1635?force=true", sent.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task VerifyToken_sends_the_action_and_leaves_force_out_when_unconfirmed_users_are_allowed()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.TokenValid)));

        await harness.Api.VerifyTokenAsync(1635, "1234567", true, "login now", harness.Log, None);
        await harness.Api.VerifyTokenAsync(1635, "1234567", false, null, harness.Log, None);

        Assert.Equal("?force=true&action=login%20now", harness.Handler.Requests[0].Uri.Query);
        Assert.Equal(string.Empty, harness.Handler.Requests[1].Uri.Query);
    }

    [Fact]
    public async Task VerifyToken_accepts_success_sent_as_the_string_true()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.TokenValid)));

        var result = await harness.Api.VerifyTokenAsync(1635, "1234567", true, null, harness.Log, None);

        Assert.True(result.IsValid);
        Assert.Equal(1635, result.AuthyId);
        Assert.Equal("Token is valid.", result.Message);
        Assert.Null(result.ErrorCode);
        Assert.NotNull(result.Device);
        Assert.Equal("sms", result.Device!.OsType);
        Assert.Null(result.Device.DeviceId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1500648405), result.Device.RegistrationDate);
    }

    [Fact]
    public async Task VerifyToken_reads_the_oldest_reply_without_a_device()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"success":true,"token":"is valid","message":"Token is valid."}""")));

        var result = await harness.Api.VerifyTokenAsync(1635, "1234567", true, null, harness.Log, None);

        Assert.True(result.IsValid);
        Assert.Null(result.Device);
    }

    [Theory]
    [InlineData("""{"message":"Token is valid.","success":"true"}""")]
    [InlineData("""{"message":"Token is valid.","success":true,"token":"is invalid"}""")]
    [InlineData("""{"message":"Token is valid.","success":true,"token":"IS VALID"}""")]
    [InlineData("""{"message":"Token is valid.","success":true,"token":true}""")]
    public async Task VerifyToken_decides_by_the_token_field_not_by_success(string body)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, body)));

        var result = await harness.Api.VerifyTokenAsync(1635, "1234567", true, null, harness.Log, None);

        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData(Fixtures.TokenInvalid, "60020", "Token is invalid")]
    [InlineData(TokenReused, "60019", "Token is invalid. Token was used recently.")]
    [InlineData("""{"message":"Token is invalid.","token":"is invalid","success":false,"errors":{"message":"Token is invalid."}}""", "60020", "Token is invalid.")]
    public async Task VerifyToken_wrong_or_reused_is_false_not_an_exception(string body, string code, string message)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(401, body)));

        var result = await harness.Api.VerifyTokenAsync(1635, "1234567", true, null, harness.Log, None);

        Assert.False(result.IsValid);
        Assert.Equal(code, result.ErrorCode);
        Assert.Equal(message, result.Message);
        Assert.Equal(1635, result.AuthyId);
        Assert.Equal(1, harness.Handler.Count);
    }

    [Theory]
    [InlineData(404, Fixtures.UserNotFound, "60026")]
    [InlineData(401, InvalidKey, "60001")]
    [InlineData(429, Fixtures.DosProtection, "60003")]
    public async Task VerifyToken_unknown_user_bad_key_and_other_errors_throw(int status, string body, string code)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(status, body)), maxRetry: 0);

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.VerifyTokenAsync(1635, "1234567", true, null, harness.Log, None));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task VerifyToken_is_not_repeated_after_a_server_error_so_a_used_token_is_not_refused_as_reused()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Json(401, TokenReused)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.VerifyTokenAsync(1635, "1234567", true, null, harness.Log, None));

        Assert.Equal(1, harness.Handler.Count);
        Assert.True(error.OutcomeUnknown);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abcdefg")]
    [InlineData("12345678901")]
    [InlineData("")]
    [InlineData("123/4567")]
    [InlineData("１２３４５６７")] // full-width digits are not ASCII digits
    public async Task VerifyToken_refuses_a_malformed_token_before_sending(string token)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.TokenValid)));

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Api.VerifyTokenAsync(1635, token, true, null, harness.Log, None));

        Assert.Equal("token", error.ParamName);
        Assert.Equal(0, harness.Handler.Count);
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("0000000")]
    [InlineData("0123456789")]
    public async Task VerifyToken_accepts_6_to_10_digits(string token)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.TokenValid)));

        var result = await harness.Api.VerifyTokenAsync(1635, token, true, null, harness.Log, None);

        Assert.True(result.IsValid);
        Assert.EndsWith("/verify/" + token + "/1635", Assert.Single(harness.Handler.Requests).Uri.AbsolutePath, StringComparison.Ordinal);
    }

    // ---- Update, activity, QR code (2.4, 2.5, 2.10) ----

    [Fact]
    public async Task UpdateUserEmail_posts_the_email()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"message":"User was updated successfully","success":true}""")));

        var result = await harness.Api.UpdateUserEmailAsync(1635, "new+x@example.com", harness.Log, None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/users/1635/update", sent.Uri.AbsoluteUri);
        Assert.Equal("email=new%2Bx%40example.com", sent.Body);
        Assert.Equal("Update", result.Operation);
        Assert.True(result.Success);
        Assert.Equal("User was updated successfully", result.Message);
    }

    [Fact]
    public async Task UpdateUserEmail_of_an_unknown_user_throws_60026()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(404, Fixtures.UserNotFound)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.UpdateUserEmailAsync(1, "a@example.com", harness.Log, None));

        Assert.Equal("60026", error.ErrorCode);
    }

    [Fact]
    public async Task RegisterActivity_posts_type_user_ip_and_data_brackets()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"message":"Activity was created.","success":true}""")));
        var data = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("reason", "too many tries"),
            new KeyValuePair<string, string>("attempts_count", "3"),
        };

        var result = await harness.Api.RegisterUserActivityAsync(1635, "banned", "203.0.113.7", data, harness.Log, None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal("https://api.authy.com/protected/json/users/1635/register_activity", sent.Uri.AbsoluteUri);
        Assert.Equal("type=banned&user_ip=203.0.113.7&data%5Breason%5D=too%20many%20tries&data%5Battempts_count%5D=3", sent.Body);
        Assert.Equal("Activity:banned", result.Operation);
        Assert.Equal("Activity was created.", result.Message);
    }

    [Fact]
    public async Task RegisterActivity_refuses_an_unknown_type_before_sending()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Api.RegisterUserActivityAsync(1635, "password_change", null, null, harness.Log, None));

        Assert.Equal(0, harness.Handler.Count);
    }

    [Fact]
    public async Task RegisterActivity_reports_the_60029_refusal()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(400,
            """{"error_code":"60029","message":"You can only create the following activities: password_reset, banned, unbanned, cookie_login.","errors":{"message":"You can only create the following activities: password_reset, banned, unbanned, cookie_login."},"success":false}""")));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() =>
            harness.Api.RegisterUserActivityAsync(1635, "cookie_login", null, null, harness.Log, None));

        Assert.Equal("60029", error.ErrorCode);
        Assert.Equal("type=cookie_login", Assert.Single(harness.Handler.Requests).Body);
    }

    [Fact]
    public async Task CreateQrCode_posts_size_and_label_and_reads_the_link()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"qr_code":"https://example.com/qr.png","success":true}""")));

        var qr = await harness.Api.CreateQrCodeAsync(1635, "My Example App", 200, harness.Log, None);

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.authy.com/protected/json/users/1635/secret", sent.Uri.AbsoluteUri);
        Assert.Equal("qr_size=200&label=My%20Example%20App", sent.Body);
        Assert.Equal("https://example.com/qr.png", qr.QrCodeUrl);
        Assert.Equal(1635, qr.AuthyId);
        Assert.Equal("My Example App", qr.Label);
        Assert.Equal(200, qr.Size);
    }

    [Fact]
    public async Task CreateQrCode_with_defaults_sends_an_empty_form()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"qr_code":"https://example.com/qr.png","success":true}""")));

        await harness.Api.CreateQrCodeAsync(1635, null, null, harness.Log, None);

        Assert.Equal(string.Empty, Assert.Single(harness.Handler.Requests).Body);
    }

    [Theory]
    [InlineData("""{"success":true}""")]
    [InlineData("""{"qr_code":"","success":true}""")]
    [InlineData("""{"qr_code":null,"success":true}""")]
    public async Task CreateQrCode_without_a_link_is_a_malformed_reply(string body)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, body)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.CreateQrCodeAsync(1635, null, null, harness.Log, None));

        Assert.True(error.IsMalformedReply);
    }

    [Fact]
    public async Task CreateQrCode_is_not_repeated_after_a_server_error()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Json(200, """{"qr_code":"https://example.com/qr.png","success":true}""")));

        await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.CreateQrCodeAsync(1635, null, null, harness.Log, None));

        Assert.Equal(1, harness.Handler.Count);
    }

    // ---- TOTP seed export (2.11) ----

    [Fact]
    public async Task ExportTotpSecret_reads_the_seed_into_a_SecureString_and_keeps_text_only_when_asked()
    {
        var harness = new Harness(new ScriptedHandler(
            Step.Json(200, """{"secret":"JBSWY3DPEHPK3PXP","otp":"012345","success":true}"""),
            Step.Json(200, """{"secret":"JBSWY3DPEHPK3PXP","otp":"012345","success":true}""")));

        var hidden = await harness.Api.ExportTotpSecretAsync(1635, false, harness.Log, None);
        var shown = await harness.Api.ExportTotpSecretAsync(1635, true, harness.Log, None);

        Assert.Equal("https://api.authy.com/protected/json/users/1635/secret/export", harness.Handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, harness.Handler.Requests[0].Method);
        Assert.Equal("JBSWY3DPEHPK3PXP", SecureText.Reveal(hidden.Secret));
        Assert.Null(hidden.PlainTextSecret);
        Assert.Equal("012345", hidden.Otp);
        Assert.Equal("JBSWY3DPEHPK3PXP", shown.PlainTextSecret);
    }

    [Fact]
    public async Task ExportTotpSecret_without_a_secret_is_a_malformed_reply()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, """{"otp":"012345","success":true}""")));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.ExportTotpSecretAsync(1635, false, harness.Log, None));

        Assert.True(error.IsMalformedReply);
    }

    [Fact]
    public async Task ExportTotpSecret_disabled_is_error_60154()
    {
        var harness = new Harness(new ScriptedHandler(
            Step.Json(403, """{"message":"Migration tools disabled","success":false,"errors":{"message":"Migration tools disabled"},"error_code":"60154"}""")));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.Api.ExportTotpSecretAsync(1635, false, harness.Log, None));

        Assert.Equal("60154", error.ErrorCode);
        Assert.Single(harness.Handler.Requests);
    }
}
