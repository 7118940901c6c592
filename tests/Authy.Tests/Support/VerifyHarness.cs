using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Authy.Http;
using Authy.Verify;

namespace Authy.Tests.Support;

/// <summary>
/// A Verify client over a scripted handler (the Verify side's <see cref="Harness"/>): the test account's Auth Token,
/// a clock that records back-off waits instead of sleeping, and the API for one service.
/// </summary>
internal sealed class VerifyHarness
{
    public const string Account = "AC00000000000000000000000000000001";

    public const string Token = "VerifyTestToken00000000000000abcd";

    public const string Service = "VA00000000000000000000000000000001";

    public VerifyHarness(ScriptedHandler handler, string user = Account, int maxRetry = 3)
    {
        Handler = handler;
        var settings = new AuthyClientSettings(new Uri("https://verify.twilio.com/"), TimeSpan.FromMinutes(5), maxRetry);
        var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new AuthyHttpClient(settings, new VerifyDialect(user, SecureText.Protect(Token)), http, new RetryPolicy(maxRetry, 7), (delay, _) =>
        {
            Delays.Add(delay);
            return Task.CompletedTask;
        });
        Api = new VerifyApi(Client, Service);
    }

    public ScriptedHandler Handler { get; }

    public AuthyHttpClient Client { get; }

    public VerifyApi Api { get; }

    public List<TimeSpan> Delays { get; } = new List<TimeSpan>();

    public RecordingLog Log { get; } = new RecordingLog();

    /// <summary>A harness over a handler that plays these steps.</summary>
    public static VerifyHarness Of(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps) =>
        new VerifyHarness(new ScriptedHandler(steps));
}
