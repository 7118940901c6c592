using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Tests.Support;
using Xunit;

namespace Authy.Tests;

/// <summary>The retry rule of AuthyHttpClient (RetryPolicy), driven through a scripted transport and a fake clock.</summary>
public class RetryTests
{
    private static AuthyRequest Request(RepeatSafety safety) =>
        safety == RepeatSafety.Idempotent
            ? Harness.Get("protected/json/users/42/status")
            : Harness.Get("protected/json/sms/42", RepeatSafety.NotRepeatable);

    private static int RetryLines(Harness harness) =>
        harness.Log.Lines.Count(l => l.Contains("retrying in", StringComparison.Ordinal));

    [Theory]
    [InlineData(RepeatSafety.Idempotent)]
    [InlineData(RepeatSafety.NotRepeatable)]
    public async Task Throttled_429_is_retried_for_every_request(RepeatSafety safety)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(429, Fixtures.DosProtection), Step.Json(200, Fixtures.Ok)));

        var json = await harness.SendAsync(Request(safety));

        Assert.Equal("OK", (string?)json["message"]);
        Assert.Equal(2, harness.Handler.Count);
        Assert.Single(harness.Delays);
        Assert.Equal(1, RetryLines(harness));
    }

    [Theory]
    [InlineData(RepeatSafety.Idempotent, 7)]
    [InlineData(RepeatSafety.NotRepeatable, 2)]
    [InlineData(RepeatSafety.Idempotent, 0)]
    public async Task Retry_after_header_sets_the_wait(RepeatSafety safety, int seconds)
    {
        var harness = new Harness(new ScriptedHandler(
            Step.RetryAfter(429, Fixtures.DosProtection, TimeSpan.FromSeconds(seconds)),
            Step.Json(200, Fixtures.Ok)));

        await harness.SendAsync(Request(safety));

        Assert.Equal(new[] { TimeSpan.FromSeconds(seconds) }, harness.Delays);
    }

    [Fact]
    public async Task Retry_after_is_capped()
    {
        var harness = new Harness(new ScriptedHandler(
            Step.RetryAfter(429, Fixtures.DosProtection, TimeSpan.FromHours(1)),
            Step.Json(200, Fixtures.Ok)));

        await harness.SendAsync(Request(RepeatSafety.Idempotent));

        Assert.Equal(new[] { TimeSpan.FromSeconds(30) }, harness.Delays);
    }

    [Fact]
    public async Task Retry_after_date_in_the_past_means_no_wait()
    {
        var harness = new Harness(new ScriptedHandler(
            Step.Reply(429, Fixtures.DosProtection, configure: r => r.Headers.RetryAfter =
                new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddDays(-1))),
            Step.Json(200, Fixtures.Ok)));

        await harness.SendAsync(Request(RepeatSafety.Idempotent));

        Assert.Equal(new[] { TimeSpan.Zero }, harness.Delays);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Unavailable_is_retried_for_idempotent_requests(int status)
    {
        var harness = new Harness(new ScriptedHandler(
            Step.Reply(status, Fixtures.Html503, "text/html"),
            Step.Reply(status, Fixtures.Html503, "text/html"),
            Step.Json(200, Fixtures.Ok)));

        var json = await harness.SendAsync(Request(RepeatSafety.Idempotent));

        Assert.Equal("OK", (string?)json["message"]);
        Assert.Equal(3, harness.Handler.Count);
        Assert.Equal(2, harness.Delays.Count);
        Assert.Equal(2, RetryLines(harness));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Unavailable_without_authy_code_is_not_retried_for_non_repeatable_requests(int status)
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(status, Fixtures.Html503, "text/html"), Step.Json(200, Fixtures.Ok)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Request(RepeatSafety.NotRepeatable)));

        Assert.Equal(1, harness.Handler.Count);
        Assert.Empty(harness.Delays);
        Assert.Equal(0, RetryLines(harness));
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(status, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Equal("Authy.OutcomeUnknown", error.ErrorId);
        Assert.Contains("outcome is unknown", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unavailable_with_an_authy_code_for_a_non_repeatable_request_is_a_definite_error()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(503, Fixtures.AccountSuspended)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Request(RepeatSafety.NotRepeatable)));

        Assert.Equal(1, harness.Handler.Count);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal("60060", error.ErrorCode);
    }

    [Theory]
    [InlineData(RepeatSafety.NotRepeatable, 500)]
    [InlineData(RepeatSafety.Idempotent, 400)]
    [InlineData(RepeatSafety.Idempotent, 401)]
    [InlineData(RepeatSafety.Idempotent, 404)]
    public async Task Definite_errors_are_never_retried(RepeatSafety safety, int status)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(status, Fixtures.UserNotFound), Step.Json(200, Fixtures.Ok)));

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Request(safety)));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, harness.Handler.Count);
        Assert.Empty(harness.Delays);
    }

    [Fact]
    public async Task A_500_to_an_idempotent_request_is_retried()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(500, "Internal Server Error", "text/plain"), Step.Json(200, Fixtures.Ok)));

        var reply = await harness.SendAsync(Request(RepeatSafety.Idempotent));

        Assert.Equal(2, harness.Handler.Count);
        Assert.Single(harness.Delays);
        Assert.NotNull(reply);
    }

    [Theory]
    [InlineData(RepeatSafety.Idempotent)]
    [InlineData(RepeatSafety.NotRepeatable)]
    public async Task Connection_refused_is_retried_for_every_request(RepeatSafety safety)
    {
        var harness = new Harness(new ScriptedHandler(Step.Throw(Harness.ConnectionRefused), Step.Json(200, Fixtures.Ok)));

        var json = await harness.SendAsync(Request(safety));

        Assert.Equal("OK", (string?)json["message"]);
        Assert.Equal(2, harness.Handler.Count);
        Assert.Equal(1, RetryLines(harness));
    }

    [Theory]
    [InlineData(RepeatSafety.Idempotent)]
    [InlineData(RepeatSafety.NotRepeatable)]
    public async Task Connection_refused_every_time_ends_in_a_connection_failure(RepeatSafety safety)
    {
        var harness = new Harness(new ScriptedHandler(Step.Throw(Harness.ConnectionRefused)), maxRetry: 2);

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(safety)));

        Assert.Equal(3, harness.Handler.Count);
        Assert.False(error.TimedOut);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal("Authy.ConnectionFailed", error.ErrorId);
        Assert.Contains("api.authy.com", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Reset_after_send_is_retried_for_idempotent_requests()
    {
        var harness = new Harness(new ScriptedHandler(Step.Throw(Harness.ResetAfterSend), Step.Json(200, Fixtures.Ok)));

        await harness.SendAsync(Request(RepeatSafety.Idempotent));

        Assert.Equal(2, harness.Handler.Count);
        Assert.Equal(1, RetryLines(harness));
    }

    [Fact]
    public async Task Reset_after_send_is_not_retried_for_non_repeatable_requests()
    {
        var harness = new Harness(new ScriptedHandler(Step.Throw(Harness.ResetAfterSend), Step.Json(200, Fixtures.Ok)));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(RepeatSafety.NotRepeatable)));

        Assert.Equal(1, harness.Handler.Count);
        Assert.Empty(harness.Delays);
        Assert.True(error.OutcomeUnknown);
        Assert.False(error.TimedOut);
        Assert.Equal("Authy.OutcomeUnknown", error.ErrorId);
        Assert.Contains("outcome is unknown", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(RepeatSafety.Idempotent, 2)]
    [InlineData(RepeatSafety.NotRepeatable, 1)]
    public async Task Bare_io_exception_from_the_transport_counts_as_maybe_sent(RepeatSafety safety, int expectedAttempts)
    {
        var harness = new Harness(new ScriptedHandler(
            Step.Throw(() => new IOException("The response ended prematurely.")),
            Step.Json(200, Fixtures.Ok)));

        if (safety == RepeatSafety.Idempotent)
        {
            await harness.SendAsync(Request(safety));
        }
        else
        {
            var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(safety)));
            Assert.True(error.OutcomeUnknown);
        }

        Assert.Equal(expectedAttempts, harness.Handler.Count);
    }

    [Theory]
    [InlineData(RepeatSafety.Idempotent, 2)]
    [InlineData(RepeatSafety.NotRepeatable, 1)]
    public async Task Connection_dropped_while_reading_the_reply_counts_as_maybe_sent(RepeatSafety safety, int expectedAttempts)
    {
        var harness = new Harness(new ScriptedHandler(Step.DropDuringBody(), Step.Json(200, Fixtures.Ok)));

        if (safety == RepeatSafety.Idempotent)
        {
            await harness.SendAsync(Request(safety));
        }
        else
        {
            var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(safety)));
            Assert.True(error.OutcomeUnknown);
        }

        Assert.Equal(expectedAttempts, harness.Handler.Count);
    }

    [Fact]
    public async Task Tls_failure_is_never_retried()
    {
        var harness = new Harness(new ScriptedHandler(
            Step.Throw(() => new HttpRequestException("The SSL connection could not be established.", new AuthenticationException("The remote certificate is invalid."))),
            Step.Json(200, Fixtures.Ok)));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(RepeatSafety.Idempotent)));

        Assert.Equal(1, harness.Handler.Count);
        Assert.Contains("certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_is_reported_and_retried_for_idempotent_requests()
    {
        var harness = new Harness(new ScriptedHandler(Step.Hang()), maxRetry: 2, timeout: TimeSpan.FromMilliseconds(30));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(RepeatSafety.Idempotent)));

        Assert.Equal(3, harness.Handler.Count);
        Assert.True(error.TimedOut);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal("Authy.Timeout", error.ErrorId);
        Assert.Equal(2, RetryLines(harness));
        Assert.Equal(3, harness.Log.Lines.Count(l => l.Contains("timed out", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Timeout_then_answer_succeeds_for_idempotent_requests()
    {
        var harness = new Harness(new ScriptedHandler(Step.Hang(), Step.Json(200, Fixtures.Ok)), timeout: TimeSpan.FromMilliseconds(30));

        var json = await harness.SendAsync(Request(RepeatSafety.Idempotent));

        Assert.Equal("OK", (string?)json["message"]);
        Assert.Equal(2, harness.Handler.Count);
    }

    [Fact]
    public async Task Timeout_is_not_retried_for_non_repeatable_requests()
    {
        var harness = new Harness(new ScriptedHandler(Step.Hang(), Step.Json(200, Fixtures.Ok)), timeout: TimeSpan.FromMilliseconds(30));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(RepeatSafety.NotRepeatable)));

        Assert.Equal(1, harness.Handler.Count);
        Assert.True(error.TimedOut);
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("outcome is unknown", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(harness.Delays);
    }

    [Fact]
    public async Task A_timeout_says_the_whole_wait_and_the_attempts()
    {
        var harness = new Harness(new ScriptedHandler(Step.Hang()), maxRetry: 3, timeout: TimeSpan.FromMilliseconds(30));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(RepeatSafety.Idempotent)));

        var match = System.Text.RegularExpressions.Regex.Match(error.Message, @"no answer after 4 attempts over (?<total>\d+(\.\d+)?) s; each attempt waited 0\.03 s\.");
        Assert.True(match.Success, error.Message);
        Assert.StartsWith("Authy did not answer GET protected/json/users/42/status", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("timed out;", error.Message, StringComparison.Ordinal);

        // The whole wait covers the four attempts and the three back-offs between them (rounded to 0.01 s).
        var total = double.Parse(match.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, harness.Delays.Count);
        Assert.True(total + 0.01 >= harness.Delays.Sum(d => d.TotalSeconds) + (4 * 0.03), $"{total} s is less than the waits and attempts");
        Assert.True(error.TimedOut);
        Assert.Equal("Authy.Timeout", error.ErrorId);
    }

    [Fact]
    public async Task A_timeout_after_other_failures_names_how_the_others_ended()
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, Fixtures.Html503, "text/html"), Step.Hang()), maxRetry: 1, timeout: TimeSpan.FromMilliseconds(30));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(RepeatSafety.Idempotent)));

        Assert.Contains("no answer after 2 attempts over", error.Message, StringComparison.Ordinal);
        Assert.Contains("each attempt waited 0.03 s. 1 of them timed out; the others ended in: HTTP 503.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_of_a_request_never_repeated_says_one_attempt_and_an_unknown_outcome()
    {
        var harness = new Harness(new ScriptedHandler(Step.Hang()), timeout: TimeSpan.FromMilliseconds(30));

        var error = await Assert.ThrowsAsync<AuthyConnectionException>(() => harness.SendAsync(Request(RepeatSafety.NotRepeatable)));

        Assert.Contains("no answer after 1 attempt over", error.Message, StringComparison.Ordinal);
        Assert.Contains("the attempt waited 0.03 s.", error.Message, StringComparison.Ordinal);
        Assert.Contains("outcome is unknown", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Authy.OutcomeUnknown", error.ErrorId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Attempts_are_max_retry_plus_one(int maxRetry)
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(429, Fixtures.DosProtection)), maxRetry: maxRetry);

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Request(RepeatSafety.NotRepeatable)));

        Assert.Equal(maxRetry + 1, harness.Handler.Count);
        Assert.Equal(maxRetry, harness.Delays.Count);
        Assert.Equal(maxRetry, RetryLines(harness));
        Assert.Equal("60003", error.ErrorCode);
        Assert.Equal(429, error.StatusCode);
        Assert.False(error.OutcomeUnknown);
    }

    [Theory]
    [InlineData(RepeatSafety.Idempotent)]
    [InlineData(RepeatSafety.NotRepeatable)]
    public async Task The_last_answer_is_reported_after_the_retries(RepeatSafety safety)
    {
        var harness = new Harness(new ScriptedHandler(Step.Throw(Harness.ConnectionRefused), Step.Json(429, Fixtures.DosProtection)), maxRetry: 2);

        var error = await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Request(safety)));

        Assert.Equal("60003", error.ErrorCode);
        Assert.Equal(3, harness.Handler.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2024)]
    public async Task Waits_grow_exponentially_within_the_jitter_bounds(int seed)
    {
        var harness = new Harness(new ScriptedHandler(Step.Reply(503, "busy", "text/plain")), maxRetry: 4, seed: seed);

        await Assert.ThrowsAsync<AuthyApiException>(() => harness.SendAsync(Request(RepeatSafety.Idempotent)));

        Assert.Equal(4, harness.Delays.Count);
        for (var i = 0; i < harness.Delays.Count; i++)
        {
            var ceiling = 500 * Math.Pow(2, i);
            var ms = harness.Delays[i].TotalMilliseconds;
            Assert.InRange(ms, ceiling / 2, ceiling);
            if (i > 0)
            {
                Assert.True(ms >= harness.Delays[i - 1].TotalMilliseconds, $"wait {i + 1} ({ms} ms) is shorter than wait {i}");
            }
        }

        Assert.True(harness.Delays[3] > harness.Delays[0]);
    }

    [Fact]
    public void Waits_are_capped_at_thirty_seconds()
    {
        var policy = new RetryPolicy(10, seed: 7);

        for (var retry = 1; retry <= 10; retry++)
        {
            var ceiling = Math.Min(30_000, 500 * Math.Pow(2, retry - 1));
            Assert.InRange(policy.Delay(retry, null).TotalMilliseconds, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Jitter_actually_varies()
    {
        var policy = new RetryPolicy(3, seed: 99);

        var waits = Enumerable.Range(0, 20).Select(_ => policy.Delay(3, null)).Distinct().Count();

        Assert.True(waits > 1);
    }

    [Theory]
    [InlineData(RepeatSafety.Idempotent)]
    [InlineData(RepeatSafety.NotRepeatable)]
    public async Task Caller_cancellation_in_flight_propagates_and_is_not_retried(RepeatSafety safety)
    {
        var handler = new ScriptedHandler(Step.Hang(), Step.Json(200, Fixtures.Ok));
        var harness = new Harness(handler);
        using var cancellation = new CancellationTokenSource();

        var sending = harness.SendAsync(Request(safety), cancellation.Token);
        await handler.FirstRequestArrived.Task;
        cancellation.Cancel();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.IsNotAssignableFrom<AuthyException>(error);
        Assert.Equal(1, handler.Count);
        Assert.Empty(harness.Delays);
        Assert.DoesNotContain(harness.Log.Lines, l => l.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Caller_cancellation_before_sending_sends_nothing()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(200, Fixtures.Ok)));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.SendAsync(Request(RepeatSafety.Idempotent), cancellation.Token));

        Assert.Equal(0, harness.Handler.Count);
    }

    [Fact]
    public async Task Caller_cancellation_during_the_back_off_stops_the_retries()
    {
        var harness = new Harness(new ScriptedHandler(Step.Json(429, Fixtures.DosProtection), Step.Json(200, Fixtures.Ok)));
        using var cancellation = new CancellationTokenSource();
        harness.OnWait = cancellation.Cancel;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.SendAsync(Request(RepeatSafety.Idempotent), cancellation.Token));

        Assert.Equal(1, harness.Handler.Count);
    }

    [Fact]
    public async Task Each_retry_logs_a_verbose_line_naming_the_attempt_and_the_reason()
    {
        var harness = new Harness(new ScriptedHandler(
            Step.Json(429, Fixtures.DosProtection),
            Step.Throw(Harness.ConnectionRefused),
            Step.Reply(503, "busy", "text/plain"),
            Step.Json(200, Fixtures.Ok)));

        await harness.SendAsync(Request(RepeatSafety.Idempotent));

        var retries = harness.Log.Lines.Where(l => l.Contains("retrying in", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, retries.Length);
        Assert.Contains("attempt 1 of 4", retries[0], StringComparison.Ordinal);
        Assert.Contains("HTTP 429", retries[0], StringComparison.Ordinal);
        Assert.Contains("attempt 2 of 4", retries[1], StringComparison.Ordinal);
        Assert.Contains("connection", retries[1], StringComparison.Ordinal);
        Assert.Contains("attempt 3 of 4", retries[2], StringComparison.Ordinal);
        Assert.Contains("HTTP 503", retries[2], StringComparison.Ordinal);
        Assert.All(retries, l => Assert.Contains("GET protected/json/users/42/status", l, StringComparison.Ordinal));
        Assert.Equal(3, harness.Delays.Count);
    }

    [Theory]
    [InlineData(429, RepeatSafety.NotRepeatable, AttemptOutcomeName.Throttled, true)]
    [InlineData(503, RepeatSafety.NotRepeatable, AttemptOutcomeName.Unavailable, false)]
    [InlineData(503, RepeatSafety.Idempotent, AttemptOutcomeName.Unavailable, true)]
    [InlineData(500, RepeatSafety.Idempotent, AttemptOutcomeName.Unavailable, true)]
    [InlineData(500, RepeatSafety.NotRepeatable, AttemptOutcomeName.Unavailable, false)]
    [InlineData(200, RepeatSafety.Idempotent, AttemptOutcomeName.Final, false)]
    [InlineData(404, RepeatSafety.Idempotent, AttemptOutcomeName.Final, false)]
    public void Status_classification(int status, RepeatSafety safety, AttemptOutcomeName expected, bool mayRetry)
    {
        var outcome = RetryPolicy.Classify(status);

        Assert.Equal(expected.ToString(), outcome.ToString());
        Assert.Equal(mayRetry, RetryPolicy.MayRetry(outcome, safety));
    }

    /// <summary>Mirror of the internal AttemptOutcome, so the theory data can name it publicly.</summary>
    public enum AttemptOutcomeName
    {
        Throttled,
        Unavailable,
        NotSent,
        MaybeSent,
        Final,
    }
}
