using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Xunit;

namespace Authy.Tests;

/// <summary>The API key never reaches an exception message or a log line (docs/api/authy.md §4.13).</summary>
public class RedactionTests
{
    private const string Key = Harness.Key;

    private static void AssertNoKey(Harness harness, Exception error)
    {
        Assert.DoesNotContain(Key, error.Message, StringComparison.OrdinalIgnoreCase);
        if (error is AuthyApiException api)
        {
            Assert.DoesNotContain(Key, api.ApiMessage, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(api.FieldErrors, f => f.Key.Contains(Key, StringComparison.OrdinalIgnoreCase) || f.Value.Contains(Key, StringComparison.OrdinalIgnoreCase));
        }

        Assert.NotEmpty(harness.Log.Lines);
        Assert.DoesNotContain(harness.Log.Lines, l => l.Contains(Key, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(401, """{"error_code":"60001","message":"Invalid API key d57d919d11e6b221c9bf6f7c882028f9","errors":{"message":"Invalid API key d57d919d11e6b221c9bf6f7c882028f9"},"success":false}""")]
    [InlineData(400, """{"message":"User was not valid","success":false,"errors":{"api_key":"d57d919d11e6b221c9bf6f7c882028f9 is not allowed here","message":"User was not valid"},"error_code":"60027"}""")]
    [InlineData(200, """{"message":"Key d57d919d11e6b221c9bf6f7c882028f9 refused","success":false}""")]
    public async Task Key_echoed_in_a_json_error_is_redacted(int status, string body)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(status, body)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Harness.Get()));

        AssertNoKey(harness, error);
        Assert.Contains("[REDACTED]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(403)]
    [InlineData(200)]
    public async Task Key_echoed_in_an_html_page_is_redacted(int status)
    {
        var body = "<html><body><h1>Error</h1><p>X-Authy-API-Key: " + Key + "</p></body></html>";
        var harness = new Harness(new ScriptedHandler(Step.Reply(status, body, "text/html")), maxRetry: 1);

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Harness.Get("protected/json/sms/1", RepeatSafety.NotRepeatable)));

        AssertNoKey(harness, error);
        Assert.Contains("X-Authy-API-Key: [REDACTED]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RepeatSafety.Idempotent)]
    [InlineData(RepeatSafety.NotRepeatable)]
    public async Task Key_in_a_transport_error_message_is_redacted(RepeatSafety safety)
    {
        var harness = new Harness(
            new ScriptedHandler(Step.Throw(() => new HttpRequestException(
                "Proxy refused header X-Authy-API-Key=" + Key,
                new System.IO.IOException("reset while sending " + Key)))),
            maxRetry: 1);

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Harness.Get("protected/json/users/1/status", safety)));

        AssertNoKey(harness, error);
    }

    [Fact]
    public async Task Key_in_a_bare_io_exception_is_redacted()
    {
        var harness = new Harness(new ScriptedHandler(Step.Throw(() => new System.IO.IOException("stream closed; last header " + Key))), maxRetry: 0);

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Harness.Get()));

        AssertNoKey(harness, error);
    }

    [Fact]
    public async Task Key_in_a_retried_reply_is_redacted_in_every_log_line()
    {
        var throttled = """{"message":"Too many requests for key d57d919d11e6b221c9bf6f7c882028f9","success":false,"error_code":"60003"}""";
        var harness = new Harness(new ScriptedHandler(Step.Json(429, throttled)), maxRetry: 2);

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Harness.Get()));

        AssertNoKey(harness, error);
        Assert.Equal(3, harness.Handler.Count);
    }

    [Fact]
    public void Mask_shows_only_the_last_four_characters_of_a_full_key()
    {
        var masked = SecureText.Mask(SecureText.Protect(Key));

        Assert.Equal("****28f9", masked);
        Assert.DoesNotContain(Key.Substring(0, 28), masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("abcd")]
    [InlineData("abcdefgh")]
    [InlineData("abcdefghijk")]
    public void Mask_of_a_short_key_reveals_nothing(string key)
    {
        Assert.Equal("****", SecureText.Mask(SecureText.Protect(key)));
    }

    [Fact]
    public void Reveal_returns_what_protect_stored()
    {
        var secure = SecureText.Protect(Key);

        Assert.True(secure.IsReadOnly());
        Assert.Equal(Key.Length, secure.Length);
        Assert.Equal(Key, SecureText.Reveal(secure));
    }

    [Fact]
    public async Task Key_is_not_in_the_success_body_returned_to_callers()
    {
        var echo = """{"message":"OK","api_key":"d57d919d11e6b221c9bf6f7c882028f9","success":true}""";
        var harness = new Harness(new ScriptedHandler(Step.Json(200, echo)));

        var json = await harness.SendAsync(Harness.Get());

        Assert.DoesNotContain(Key, json.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Log.Lines, l => l.Contains(Key, StringComparison.Ordinal));
    }
}
