using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Security;
using System.Text;

namespace Authy.Http;

/// <summary>
/// The one way the module talks to an API (Authy or Twilio Verify): builds requests (credentials in a
/// header, never in a URL), applies the per-request timeout and the retry rule, and turns replies into JSON
/// or typed exceptions. What differs per API (auth, error envelope, which throttles are final) is its
/// <see cref="ApiDialect"/>. Thread-safe; many requests may run through one instance at once.
/// </summary>
public sealed class AuthyHttpClient
{
    /// <summary>A reply larger than this is refused rather than read into memory.</summary>
    internal const int MaxReplyBytes = 4 * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, HttpClient> SharedClients = new ConcurrentDictionary<string, HttpClient>();
    private static readonly string UserAgent = BuildUserAgent();

    private readonly ApiDialect _dialect;
    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;

    public AuthyHttpClient(AuthyClientSettings settings, SecureString apiKey)
        : this(settings, new AuthyDialect(apiKey))
    {
    }

    public AuthyHttpClient(AuthyClientSettings settings, ApiDialect dialect)
        : this(settings, dialect, SharedClientFor(settings.Proxy), new RetryPolicy(settings.MaxRetry), Task.Delay)
    {
    }

    /// <summary>For tests: a given transport, retry randomness and a clock that need not really wait.</summary>
    internal AuthyHttpClient(
        AuthyClientSettings settings, SecureString apiKey, HttpClient http, RetryPolicy retry, Func<TimeSpan, CancellationToken, Task> wait)
        : this(settings, new AuthyDialect(apiKey), http, retry, wait)
    {
    }

    /// <summary>For tests: any dialect over a given transport, retry randomness and clock.</summary>
    internal AuthyHttpClient(
        AuthyClientSettings settings, ApiDialect dialect, HttpClient http, RetryPolicy retry, Func<TimeSpan, CancellationToken, Task> wait)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        _http = http;
        _retry = retry;
        _wait = wait;
    }

    public AuthyClientSettings Settings { get; }

    public ApiDialect Dialect => _dialect;

    /// <summary>Sends the request, retrying as the rule allows, and returns the success body.</summary>
    public async Task<JObject> SendAsync(AuthyRequest request, IRequestLog? log, CancellationToken cancellationToken)
    {
        // For the final error: how long the whole exchange took (attempts and the waits between them), and
        // how each attempt ended, so a timeout reads as the whole wait and not only the per-attempt limit.
        var spent = TimeSpan.Zero;
        var endings = new System.Collections.Generic.List<string>();
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stopwatch = Stopwatch.StartNew();
            AttemptOutcome outcome;
            TimeSpan? retryAfter = null;
            Exception failure;
            string reason;

            try
            {
                using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    attemptCancellation.CancelAfter(Settings.Timeout);
                    try
                    {
                        using (var message = BuildMessage(request))
                        using (var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token).ConfigureAwait(false))
                        {
                            var status = (int)response.StatusCode;
                            var body = await ReadBodyAsync(response, attemptCancellation.Token).ConfigureAwait(false);
                            log?.Verbose($"{request} -> {status} in {stopwatch.ElapsedMilliseconds} ms");
                            outcome = _dialect.Classify(status, body);
                            if (outcome == AttemptOutcome.Final || attempt > _retry.MaxRetry || !RetryPolicy.MayRetry(outcome, request.Safety))
                            {
                                return _dialect.ParseOrThrow(status, body, request.Safety == RepeatSafety.NotRepeatable);
                            }

                            retryAfter = RetryPolicy.ReadRetryAfter(response);
                            reason = $"HTTP {status}";
                            failure = _dialect.ErrorFor(status, body, request.Safety == RepeatSafety.NotRepeatable);
                        }
                    }
                    catch (OperationCanceledException cancelled) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Our own timeout fired, not the caller's cancellation.
                        log?.Verbose($"{request} timed out after {stopwatch.ElapsedMilliseconds} ms");
                        outcome = AttemptOutcome.MaybeSent;
                        reason = "timeout";
                        failure = new AuthyConnectionException(
                            $"{_dialect.ServiceName} did not answer {request.Method.Method} {request.Path} within {Settings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.",
                            timedOut: true,
                            outcomeUnknown: request.Safety == RepeatSafety.NotRepeatable,
                            cancelled,
                            _dialect.ErrorIdPrefix);
                    }
                }
            }
            catch (HttpRequestException transport)
            {
                outcome = RetryPolicy.Classify(transport);
                log?.Verbose($"{request} failed after {stopwatch.ElapsedMilliseconds} ms: {Redact(transport.Message)}");
                reason = "connection failure";
                failure = new AuthyConnectionException(
                    $"Could not complete {request.Method.Method} {request.Path} with {Settings.ApiUrl.Host}: {Redact(Innermost(transport).Message)}",
                    timedOut: false,
                    outcomeUnknown: outcome == AttemptOutcome.MaybeSent && request.Safety == RepeatSafety.NotRepeatable,
                    transport,
                    _dialect.ErrorIdPrefix);
            }
            catch (IOException transport)
            {
                // A connection dropped while reading the reply: the request had been sent.
                outcome = AttemptOutcome.MaybeSent;
                log?.Verbose($"{request} failed after {stopwatch.ElapsedMilliseconds} ms: {Redact(transport.Message)}");
                reason = "connection dropped";
                failure = new AuthyConnectionException(
                    $"The connection to {Settings.ApiUrl.Host} dropped during {request.Method.Method} {request.Path}.",
                    timedOut: false,
                    outcomeUnknown: request.Safety == RepeatSafety.NotRepeatable,
                    transport,
                    _dialect.ErrorIdPrefix);
            }

            spent += stopwatch.Elapsed;
            endings.Add(reason);
            if (attempt > _retry.MaxRetry || !RetryPolicy.MayRetry(outcome, request.Safety))
            {
                throw failure is AuthyConnectionException connection && connection.TimedOut
                    ? NoAnswer(request, endings, spent, connection.InnerException)
                    : failure;
            }

            var delay = _retry.Delay(attempt, retryAfter);
            log?.Verbose($"{request}: attempt {attempt} of {_retry.MaxRetry + 1} failed ({reason}); retrying in {delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
            await _wait(delay, cancellationToken).ConfigureAwait(false);
            spent += delay;
        }
    }

    /// <summary>
    /// The timeout that ends a request, told as the whole wait: "no answer after 4 attempts over 62 s; each
    /// attempt waited 15 s", with how the other attempts ended when not all of them timed out.
    /// </summary>
    private AuthyConnectionException NoAnswer(AuthyRequest request, System.Collections.Generic.List<string> endings, TimeSpan spent, Exception? inner)
    {
        var attempts = endings.Count;
        var timeouts = endings.FindAll(ending => ending == "timeout").Count;
        var message = new StringBuilder();
        message.Append($"{_dialect.ServiceName} did not answer {request.Method.Method} {request.Path}: no answer after {attempts} attempt{(attempts == 1 ? string.Empty : "s")} over {Seconds(spent)} s; ");
        message.Append(attempts == 1 ? "the attempt" : "each attempt");
        message.Append($" waited {Settings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        if (timeouts < attempts)
        {
            var others = endings.FindAll(ending => ending != "timeout");
            message.Append($" {timeouts} of them timed out; the others ended in: {string.Join(", ", others)}.");
        }

        return new AuthyConnectionException(message.ToString(), timedOut: true, outcomeUnknown: request.Safety == RepeatSafety.NotRepeatable, inner, _dialect.ErrorIdPrefix);
    }

    // Whole seconds past ten, tenths below, so short test timeouts still read sensibly.
    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString(span.TotalSeconds >= 10 ? "0" : "0.0#", CultureInfo.InvariantCulture);

    private HttpRequestMessage BuildMessage(AuthyRequest request)
    {
        var target = new Uri(Settings.ApiUrl, request.Path);
        HttpContent? content = null;
        if (request.Parameters.Count > 0)
        {
            var encoded = request.Parameters.ToFormUrlEncoded();
            if (request.Method == HttpMethod.Get)
            {
                target = new UriBuilder(target) { Query = encoded }.Uri;
            }
            else
            {
                content = new StringContent(encoded, Encoding.UTF8, "application/x-www-form-urlencoded");
            }
        }
        else if (request.Method != HttpMethod.Get)
        {
            // Some proxies reject a body-less POST without Content-Length; an empty form is what curl sends.
            content = new StringContent(string.Empty, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        var message = new HttpRequestMessage(request.Method, target) { Content = content };
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _dialect.Authorize(message);
        return message;
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > MaxReplyBytes)
        {
            return TooLarge((int)response.StatusCode);
        }

        using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[16384];
            int read;
            while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxReplyBytes)
                {
                    return TooLarge((int)response.StatusCode);
                }

                buffer.Write(chunk, 0, read);
            }

            // The Content-Type's charset cannot be trusted (docs/api/authy.md §1.5); both APIs speak UTF-8.
            var bytes = buffer.GetBuffer();
            var length = (int)buffer.Length;
            var start = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return Redact(Encoding.UTF8.GetString(bytes, start, length - start));
        }
    }

    // A non-JSON text, so the parser reports a malformed reply with a readable reason.
    private static string TooLarge(int status) => $"<reply of more than {MaxReplyBytes / (1024 * 1024)} MiB not read (HTTP {status})>";

    /// <summary>Removes the secrets from any text that may reach an exception or a log line.</summary>
    private string Redact(string text) => _dialect.Redact(text);

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException != null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    private static HttpClient SharedClientFor(Uri? proxy) =>
        SharedClients.GetOrAdd(proxy?.AbsoluteUri ?? string.Empty, _ => CreateClient(proxy));

    private static HttpClient CreateClient(Uri? proxy)
    {
        if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
        {
            // Windows PowerShell 5.1 on older Windows may offer only TLS 1.0/1.1, which Authy refuses.
            // Adding 1.2 (never removing what the host allows) leaves other modules' connections as they were.
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }

        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseProxy = true,
        };
        if (proxy != null)
        {
            handler.Proxy = new WebProxy(proxy);
        }

        try
        {
            // Bulk work runs up to 64 requests at once; the default limit on some runtimes is 2.
            handler.MaxConnectionsPerServer = 64;
        }
        catch (PlatformNotSupportedException)
        {
            // .NET Framework before 4.7.1: ServicePointManager decides.
        }

        // Timeouts are per request (AuthyClientSettings.Timeout), so the shared client never times out itself.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static string BuildUserAgent()
    {
        var assembly = typeof(AuthyHttpClient).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version.Substring(0, plus);
        }

        return $"AuthyPowerShell/{version} (+https://github.com/authy-powershell/Authy)";
    }
}
