using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Authy.Cmdlets.Infrastructure;
using Authy.Http;
using Authy.Tests.Support;
using Authy.Verify;
using Xunit;

namespace Authy.Tests.Verify;

/// <summary>The Verify dialect plugged into the one client: Basic auth, form names, the Twilio envelope and its retry rule.</summary>
public class VerifyClientTests
{
    private const string Account = VerifyHarness.Account;
    private const string ApiKeySid = "SK0123456789abcdef0123456789abcdef";
    private const string Token = VerifyHarness.Token;
    private const string Service = VerifyHarness.Service;

    private const string Pending = """{"sid": "VE0123456789abcdef0123456789abcdef", "service_sid": "VA00000000000000000000000000000001", "account_sid": "AC00000000000000000000000000000001", "to": "+15017122661", "channel": "sms", "status": "pending", "valid": false, "date_created": "2015-07-30T20:00:00Z", "date_updated": "2015-07-30T20:00:00Z", "lookup": {}, "amount": null, "payee": null, "send_code_attempts": [{"time": "2015-07-30T20:00:00Z", "channel": "SMS", "attempt_sid": "VL0123456789abcdef0123456789abcdef"}], "sna": null, "url": "https://verify.twilio.com/v2/Services/VA00000000000000000000000000000001/Verifications/VE0123456789abcdef0123456789abcdef"}""";
    private const string Approved = """{"sid": "VE0123456789abcdef0123456789abcdef", "service_sid": "VA00000000000000000000000000000001", "account_sid": "AC00000000000000000000000000000001", "to": "+15017122661", "channel": "sms", "status": "approved", "valid": true, "amount": null, "payee": null, "sna_attempts_error_codes": [], "date_created": "2015-07-30T20:00:00Z", "date_updated": "2015-07-30T20:00:00Z"}""";
    private const string WrongCode = """{"sid": "VE0123456789abcdef0123456789abcdef", "to": "+15017122661", "channel": "sms", "status": "pending", "valid": false}""";
    private const string TooManyRequests = """{"code": 20429, "message": "Too many requests", "more_info": "https://www.twilio.com/docs/errors/20429", "status": 429}""";
    private const string MaxChecks = """{"code": 60202, "message": "Max check attempts reached", "more_info": "https://www.twilio.com/docs/errors/60202", "status": 429}""";
    private const string MaxSends = """{"code": 60203, "message": "Max send attempts reached", "more_info": "https://www.twilio.com/docs/errors/60203", "status": 429}""";
    private const string NotFound = """{"code": 20404, "message": "The requested resource /v2/Services/VA00000000000000000000000000000001/VerificationCheck was not found", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}""";
    private const string BadTo = """{"code": 60200, "message": "Invalid parameter `To`: +1", "more_info": "https://www.twilio.com/docs/errors/60200", "status": 400}""";
    private const string AuthFailed = """{"code": 20003, "detail": "Your AccountSid or AuthToken was incorrect.", "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}""";

    private static Task<Authy.Verify.Models.TwilioVerification> SendAsync(VerifyHarness harness) =>
        harness.Api.StartVerificationAsync(new VerificationStart { To = "+15017122661", Channel = "sms" }, harness.Log, CancellationToken.None);

    private static Task<Authy.Verify.Models.TwilioVerificationCheck> CheckAsync(VerifyHarness harness, string code = "123456") =>
        harness.Api.CheckVerificationAsync("+15017122661", null, code, null, null, harness.Log, CancellationToken.None);

    private static Dictionary<string, string> Form(string? body) =>
        (body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1]));

    [Theory]
    [InlineData(Account)]
    [InlineData(ApiKeySid)]
    public async Task Every_request_carries_basic_auth_of_the_user_and_secret_and_no_authy_key(string user)
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(201, Pending)), user);

        await SendAsync(harness);

        var request = Assert.Single(harness.Handler.Requests);
        var header = Assert.Single(request.Header("Authorization"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + Token)), header);
        Assert.Empty(request.Header("X-Authy-API-Key"));
        Assert.DoesNotContain(Token, request.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, request.Body ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_posts_pascal_case_form_fields_with_tags_as_one_json_field()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(201, Pending)));

        var verification = await harness.Api.StartVerificationAsync(
            new VerificationStart
            {
                To = "+15017122661",
                Channel = "whatsapp",
                Locale = "pt-BR",
                CustomFriendlyName = "Contoso & Co",
                Amount = "9.99",
                Payee = "Contoso",
                Tags = new Dictionary<string, string> { ["campaign"] = "spring", ["tier"] = "gold" },
            },
            null,
            CancellationToken.None);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://verify.twilio.com/v2/Services/" + Service + "/Verifications", request.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        var form = Form(request.Body);
        Assert.Equal("+15017122661", form["To"]);
        Assert.Equal("whatsapp", form["Channel"]);
        Assert.Equal("pt-BR", form["Locale"]);
        Assert.Equal("Contoso & Co", form["CustomFriendlyName"]);
        Assert.Equal("9.99", form["Amount"]);
        Assert.Equal("""{"campaign":"spring","tier":"gold"}""", form["Tags"]);
        Assert.False(form.ContainsKey("CustomCode"));
        Assert.Contains("%2B15017122661", request.Body, StringComparison.Ordinal);

        Assert.Equal("VE0123456789abcdef0123456789abcdef", verification.Sid);
        Assert.Equal("pending", verification.Status);
        Assert.Equal(1, verification.SendCount);
        Assert.Equal(new DateTimeOffset(2015, 7, 30, 20, 0, 0, TimeSpan.Zero), verification.DateCreated);
    }

    [Fact]
    public async Task A_wrong_code_is_a_pending_check_not_an_error()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(200, WrongCode)));

        var check = await CheckAsync(harness, "000000");

        Assert.False(check.Valid);
        Assert.Equal("pending", check.Status);
        var form = Form(Assert.Single(harness.Handler.Requests).Body);
        Assert.Equal("000000", form["Code"]);
        Assert.Equal("+15017122661", form["To"]);
    }

    [Fact]
    public async Task A_right_code_is_approved()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(200, Approved)));

        var check = await CheckAsync(harness);

        Assert.True(check.Valid);
        Assert.Equal("approved", check.Status);
    }

    [Fact]
    public async Task Fetch_and_cancel_address_the_verification_by_sid_or_escaped_to()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(200, Pending)));

        await harness.Api.GetVerificationAsync("+15017122661", null, CancellationToken.None);
        await harness.Api.UpdateVerificationAsync("VE0123456789abcdef0123456789abcdef", "canceled", null, CancellationToken.None);

        var requests = harness.Handler.Requests;
        Assert.Equal(HttpMethod.Get, requests[0].Method);
        Assert.EndsWith("/Verifications/%2B15017122661", requests[0].Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpMethod.Post, requests[1].Method);
        Assert.EndsWith("/Verifications/VE0123456789abcdef0123456789abcdef", requests[1].Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("canceled", Form(requests[1].Body)["Status"]);
    }

    [Theory]
    [InlineData(400, BadTo, "TwilioVerify.60200", ErrorCategory.InvalidArgument, "https://www.twilio.com/docs/errors/60200")]
    [InlineData(404, NotFound, "TwilioVerify.20404", ErrorCategory.ObjectNotFound, "https://www.twilio.com/docs/errors/20404")]
    [InlineData(401, AuthFailed, "TwilioVerify.20003", ErrorCategory.AuthenticationError, "https://www.twilio.com/docs/errors/20003")]
    [InlineData(429, MaxChecks, "TwilioVerify.60202", ErrorCategory.LimitsExceeded, "https://www.twilio.com/docs/errors/60202")]
    public async Task The_twilio_envelope_maps_to_an_error_record(int status, string body, string errorId, ErrorCategory category, string moreInfo)
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(status, body)));
        var row = new PSObject();

        var failure = await Assert.ThrowsAsync<TwilioApiException>(() => CheckAsync(harness));
        var record = AuthyErrorRecords.From(failure, row);

        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Same(row, record.TargetObject);
        Assert.Equal(new Uri(moreInfo), failure.MoreInfo);
        Assert.EndsWith("See " + moreInfo, record.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(status, failure.StatusCode);
    }

    [Fact]
    public async Task A_401_explains_itself_with_its_detail()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(401, AuthFailed)));

        var failure = await Assert.ThrowsAsync<TwilioApiException>(() => CheckAsync(harness));

        Assert.Contains("Your AccountSid or AuthToken was incorrect", failure.Message, StringComparison.Ordinal);
        Assert.True(AuthyErrorRecords.IsFatal(failure));
    }

    [Fact]
    public async Task A_reply_that_is_not_twilio_json_is_a_malformed_reply()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Reply(400, "<html>nope</html>", "text/html")));

        var failure = await Assert.ThrowsAsync<TwilioApiException>(() => CheckAsync(harness));

        Assert.Equal("TwilioVerify.MalformedReply", failure.ErrorId);
    }

    [Theory]
    [InlineData(MaxSends, "60203")]
    [InlineData(MaxChecks, "60202")]
    public async Task Max_attempts_429s_are_never_retried_and_say_so(string body, string code)
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(429, body), Step.Json(201, Pending)));

        var failure = code == "60203"
            ? await Assert.ThrowsAsync<TwilioApiException>(() => SendAsync(harness))
            : await Assert.ThrowsAsync<TwilioApiException>(() => CheckAsync(harness));

        Assert.Equal(1, harness.Handler.Count);
        Assert.Empty(harness.Delays);
        Assert.Equal("TwilioVerify." + code, failure.ErrorId);
        Assert.Contains("Not retried", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_20429_is_retried_even_for_a_send_since_nothing_was_sent()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(429, TooManyRequests), Step.Json(201, Pending)));

        var verification = await SendAsync(harness);

        Assert.Equal("pending", verification.Status);
        Assert.Equal(2, harness.Handler.Count);
        Assert.Single(harness.Delays);
    }

    [Fact]
    public async Task A_5xx_to_a_send_is_not_repeated_and_its_outcome_is_unknown()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Reply(503, "upstream unavailable", "text/plain"), Step.Json(201, Pending)));

        var failure = await Assert.ThrowsAsync<TwilioApiException>(() => SendAsync(harness));

        Assert.Equal(1, harness.Handler.Count);
        Assert.True(failure.OutcomeUnknown);
        Assert.Equal("TwilioVerify.OutcomeUnknown", failure.ErrorId);
    }

    [Fact]
    public async Task A_send_whose_connection_was_refused_is_retried_since_nothing_was_sent()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Throw(Harness.ConnectionRefused), Step.Json(201, Pending)));

        await SendAsync(harness);

        Assert.Equal(2, harness.Handler.Count);
    }

    [Fact]
    public async Task A_send_reset_after_sending_is_not_repeated()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Throw(Harness.ResetAfterSend), Step.Json(201, Pending)));

        var failure = await Assert.ThrowsAsync<AuthyConnectionException>(() => SendAsync(harness));

        Assert.Equal(1, harness.Handler.Count);
        Assert.Equal("TwilioVerify.OutcomeUnknown", failure.ErrorId);
    }

    [Fact]
    public async Task Reads_are_retried_after_5xx()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Reply(503, "busy", "text/plain"), Step.Json(200, Pending)));

        var verification = await harness.Api.GetVerificationAsync("VE0123456789abcdef0123456789abcdef", null, CancellationToken.None);

        Assert.Equal("pending", verification.Status);
        Assert.Equal(2, harness.Handler.Count);
    }

    [Fact]
    public async Task A_204_is_an_empty_success()
    {
        var harness = new VerifyHarness(new ScriptedHandler(Step.Reply(204, string.Empty)));

        var json = await harness.Client.SendAsync(new AuthyRequest(HttpMethod.Delete, "v2/Services/" + Service, RepeatSafety.Idempotent), null, CancellationToken.None);

        Assert.Empty(json.Properties());
    }

    [Fact]
    public async Task The_secret_and_its_header_form_are_redacted_from_an_echoing_error()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Account + ":" + Token));
        var echo = "{\"code\": 60200, \"message\": \"Invalid parameter: " + Token + " / Basic " + encoded + "\", \"status\": 400}";
        var harness = new VerifyHarness(new ScriptedHandler(Step.Json(400, echo)));

        var failure = await Assert.ThrowsAsync<TwilioApiException>(() => CheckAsync(harness));

        Assert.DoesNotContain(Token, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(encoded, failure.Message, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", failure.Message, StringComparison.Ordinal);
    }
}
