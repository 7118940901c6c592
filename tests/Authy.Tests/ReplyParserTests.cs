using System;
using System.Linq;
using Authy.Http;
using Authy.Tests.Support;
using Xunit;

namespace Authy.Tests;

/// <summary>AuthyReplyParser against the envelope shapes of docs/api/authy.md §1.5, §1.6 and §4.</summary>
public class ReplyParserTests
{
    [Theory]
    [InlineData("""{"message":"OK","success":true}""")]
    [InlineData("""{"message":"Token is valid.","token":"is valid","success":"true"}""")]
    [InlineData("""{"message":"Token is valid.","token":"is valid","success":"True"}""")]
    [InlineData("""{"message":"User created successfully","user":{"id":1}}""")]
    [InlineData(Fixtures.TokenValid)]
    public void Success_flag_true_string_true_or_missing_is_a_success(string body)
    {
        var json = AuthyReplyParser.ParseOrThrow(200, body);

        Assert.NotNull(json["message"]);
    }

    [Theory]
    [InlineData("""{"message":"Something failed","success":false}""", "Something failed")]
    [InlineData("""{"message":"Something failed","success":"false"}""", "Something failed")]
    [InlineData("""{"success":false,"errors":{"message":"From errors"},"message":"Top level"}""", "From errors")]
    public void Success_false_on_200_is_an_error(string body, string expectedMessage)
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(200, body));

        Assert.Equal(200, error.StatusCode);
        Assert.Equal(expectedMessage, error.ApiMessage);
        Assert.False(error.IsMalformedReply);
    }

    [Theory]
    [InlineData("""{"message":"User not found.","success":false,"errors":{"message":"User not found."},"error_code":"60026"}""")]
    [InlineData("""{"message":"User not found.","success":false,"errors":{"message":"User not found."},"error_code":60026}""")]
    public void Error_code_is_read_as_string_or_number(string body)
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(404, body));

        Assert.Equal("60026", error.ErrorCode);
        Assert.Equal("Authy.60026", error.ErrorId);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("User not found.", error.ApiMessage);
        Assert.Empty(error.FieldErrors);
        Assert.Equal("User not found. (Authy error 60026, HTTP 404)", error.Message);
    }

    [Fact]
    public void Empty_errors_object_uses_the_top_level_message()
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(404, Fixtures.ApprovalNotFound));

        Assert.Equal("60049", error.ErrorCode);
        Assert.Equal("Approval request not found: 550e8400-e29b-41d4-a716-446655440000", error.ApiMessage);
        Assert.Empty(error.FieldErrors);
        Assert.False(error.IsMalformedReply);
    }

    [Fact]
    public void Field_errors_in_errors_and_at_top_level_are_reported_once_and_named_in_the_message()
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(400, Fixtures.UserNotValid));

        Assert.Equal("60027", error.ErrorCode);
        Assert.Equal("User was not valid", error.ApiMessage);
        var field = Assert.Single(error.FieldErrors);
        Assert.Equal("cellphone", field.Key);
        Assert.Equal("is invalid", field.Value);
        Assert.Contains("User was not valid", error.Message, StringComparison.Ordinal);
        Assert.Contains("cellphone is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("60027", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_field_errors_and_array_values_are_all_reported()
    {
        const string body = """{"message":"User was not valid","success":false,"errors":{"email":["is invalid","can't be blank"],"message":"User was not valid"},"country_code":"is not supported","error_code":"60027"}""";

        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(400, body));

        Assert.Equal("is invalid, can't be blank", error.FieldErrors["email"]);
        Assert.Equal("is not supported", error.FieldErrors["country_code"]);
        Assert.Equal(2, error.FieldErrors.Count);
    }

    [Fact]
    public void Old_body_without_error_code_keeps_its_message()
    {
        const string body = """{"success":false,"message":"User doesn't exist."}""";

        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(404, body));

        Assert.Null(error.ErrorCode);
        Assert.Equal("User doesn't exist.", error.ApiMessage);
        Assert.Equal("Authy.Http404", error.ErrorId);
        Assert.False(error.IsMalformedReply);
        Assert.Contains("User doesn't exist.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_token_is_not_mistaken_for_a_field_error()
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(401, Fixtures.TokenInvalid));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("60020", error.ErrorCode);
        Assert.Equal("Token is invalid", error.ApiMessage);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public void Html_body_on_503_is_an_api_error_without_code()
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(503, Fixtures.Html503));

        Assert.Equal(503, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Empty(error.FieldErrors);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal("Authy.Http503", error.ErrorId);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Contains("503 Service Unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_html_body_is_cut_short_in_the_message()
    {
        var body = "<html>" + new string('x', 100_000) + "</html>";

        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(502, body));

        Assert.True(error.Message.Length < 500, "message length " + error.Message.Length);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \r\n", "empty")]
    [InlineData("""{"message":"User created successfully.","user":{"id":16""", "truncated")]
    [InlineData("""[{"success":true}]""", "array")]
    [InlineData("null", "null")]
    [InlineData("true", "scalar")]
    [InlineData("\"success\"", "string")]
    [InlineData("""{"success":true} {"success":false}""", "two documents")]
    [InlineData("""{"success":true} trailing""", "trailing text")]
    [InlineData("<html><body>OK</body></html>", "html")]
    public void A_200_that_is_not_a_json_object_is_a_malformed_reply_never_a_success(string body, string what)
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(200, body));

        Assert.True(error.IsMalformedReply, what);
        Assert.Equal("Authy.MalformedReply", error.ErrorId);
        Assert.Equal(200, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Deeply_nested_json_is_refused_without_crashing()
    {
        var body = new string('[', 5000) + new string(']', 5000);

        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(200, body));

        Assert.True(error.IsMalformedReply);
    }

    /// <summary>
    /// Authy sends <c>success</c> as a JSON boolean or the string "true" (1.5). Any other type on a 200
    /// means the reply is not what the client understands: it must not be taken for a success.
    /// </summary>
    [Theory]
    [InlineData("""{"message":"OK","success":5}""")]
    [InlineData("""{"message":"OK","success":{}}""")]
    [InlineData("""{"message":"OK","success":[true]}""")]
    [InlineData("""{"message":"OK","success":1.5}""")]
    public void A_success_flag_of_the_wrong_type_is_a_malformed_reply(string body)
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(200, body));

        Assert.True(error.IsMalformedReply);
        Assert.Equal(200, error.StatusCode);
    }

    [Theory]
    [InlineData(200, """{"message":"Broken","success":false,"error_code":{}}""")]
    [InlineData(400, """{"message":"Broken","success":false,"error_code":{}}""")]
    [InlineData(400, """{"message":"Broken","success":false,"error_code":["60027"],"errors":"not an object"}""")]
    [InlineData(400, """{"message":{"text":"Broken"},"success":false,"errors":[],"error_code":null}""")]
    [InlineData(404, """{"message":null,"success":false,"errors":{"message":null}}""")]
    public void Wrong_types_in_an_error_envelope_still_give_a_clear_error(int status, string body)
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(status, body));

        Assert.Equal(status, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.ApiMessage));
        Assert.Contains("HTTP " + status, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(404, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void Non_json_error_bodies_are_malformed_below_500(int status, bool malformed)
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(status, "oops"));

        Assert.Equal(malformed, error.IsMalformedReply);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public void A_json_5xx_with_an_authy_code_is_a_definite_answer_even_for_non_repeatable_requests()
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(503, Fixtures.AccountSuspended, outcomeUnknownOnServerError: true));

        Assert.Equal("60060", error.ErrorCode);
        Assert.False(error.OutcomeUnknown);
    }

    [Theory]
    [InlineData(500, "Internal error")]
    [InlineData(503, Fixtures.Html503)]
    [InlineData(504, "")]
    public void A_5xx_without_code_for_a_non_repeatable_request_has_an_unknown_outcome(int status, string body)
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(status, body, outcomeUnknownOnServerError: true));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal("Authy.OutcomeUnknown", error.ErrorId);
        Assert.Contains("outcome is unknown", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_4xx_is_never_an_unknown_outcome()
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(429, Fixtures.DosProtection, outcomeUnknownOnServerError: true));

        Assert.False(error.OutcomeUnknown);
        Assert.Equal("60003", error.ErrorCode);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(204)]
    [InlineData(302)]
    public void Only_200_is_a_success(int status)
    {
        Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(status, Fixtures.Ok));
    }

    [Fact]
    public async System.Threading.Tasks.Task Charset_in_content_type_is_ignored_and_utf8_is_read()
    {
        const string body = """{"message":"Usuário não encontrado","success":false,"error_code":"60026"}""";
        var harness = new Harness(new ScriptedHandler(Step.Reply(404, body, configure: r =>
            r.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("text/html; charset=iso-8859-1"))));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Harness.Get()));

        Assert.Equal("Usuário não encontrado", error.ApiMessage);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async System.Threading.Tasks.Task A_reply_over_the_size_limit_is_refused_as_malformed(bool declaresLength)
    {
        var big = "{\"message\":\"" + new string('x', AuthyHttpClient.MaxReplyBytes + 10) + "\",\"success\":true}";
        var harness = new Harness(new ScriptedHandler((request, _) =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(big);
            System.Net.Http.HttpContent content = declaresLength
                ? new System.Net.Http.ByteArrayContent(bytes)
                : new System.Net.Http.StreamContent(new Support.NonSeekableStream(bytes));
            return System.Threading.Tasks.Task.FromResult(new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content });
        }));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Harness.Get()));

        Assert.True(error.IsMalformedReply);
        Assert.Contains("MiB", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 500);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_utf8_byte_order_mark_does_not_break_parsing()
    {
        var harness = new Harness(new ScriptedHandler((request, _) =>
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Fixtures.UserCreated)).ToArray();
            return System.Threading.Tasks.Task.FromResult(new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new System.Net.Http.ByteArrayContent(bytes) });
        }));

        var json = await harness.SendAsync(Harness.Get());

        Assert.Equal(1635, (int)json["user"]!["id"]!);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    public async System.Threading.Tasks.Task Content_type_is_ignored(string contentType)
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(200, Fixtures.UserCreated, contentType)));

        var json = await harness.SendAsync(Harness.Get());

        Assert.Equal(1635, (int)json["user"]!["id"]!);
    }

    [Theory]
    [InlineData("""{"success":false}""")]
    [InlineData("""{"success":"yes","token":"is valid"}""")]
    public void A_200_that_is_neither_success_nor_an_Authy_error_is_a_malformed_reply(string body)
    {
        var error = Assert.Throws<AuthyApiException>(() => AuthyReplyParser.ParseOrThrow(200, body));
        Assert.True(error.IsMalformedReply);
        Assert.Equal("Authy.MalformedReply", error.ErrorId);
    }
}
