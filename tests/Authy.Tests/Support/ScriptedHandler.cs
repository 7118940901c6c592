using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Authy.Tests.Support;

/// <summary>What the handler saw of one request, copied before HttpClient disposes the message.</summary>
internal sealed class RecordedRequest
{
    public RecordedRequest(HttpMethod method, Uri uri, IReadOnlyDictionary<string, string[]> headers, string? body, string? contentType)
    {
        Method = method;
        Uri = uri;
        Headers = headers;
        Body = body;
        ContentType = contentType;
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    public IReadOnlyDictionary<string, string[]> Headers { get; }

    public string? Body { get; }

    public string? ContentType { get; }

    public string[] Header(string name) =>
        Headers.TryGetValue(name, out var values) ? values : Array.Empty<string>();
}

/// <summary>
/// An HttpMessageHandler that records every request and answers from a script: each step is used
/// once, and the last step repeats for any further request.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly List<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _steps;
    private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
    private readonly object _lock = new object();

    public ScriptedHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps)
    {
        if (steps.Length == 0)
        {
            throw new ArgumentException("A script needs at least one step.", nameof(steps));
        }

        _steps = steps.ToList();
    }

    /// <summary>Completed when a request reaches the handler; used to cancel while a request is in flight.</summary>
    public TaskCompletionSource<bool> FirstRequestArrived { get; } =
        new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    public int Count => Requests.Count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        string? contentType = null;
        if (request.Content != null)
        {
            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            contentType = request.Content.Headers.ContentType?.MediaType;
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step;
        lock (_lock)
        {
            var index = Math.Min(_requests.Count, _steps.Count - 1);
            step = _steps[index];
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body, contentType));
        }

        FirstRequestArrived.TrySetResult(true);
        return await step(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Script steps.</summary>
internal static class Step
{
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Reply(
        int status, string body, string contentType = "application/json", Action<HttpResponseMessage>? configure = null) =>
        (request, _) =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent(body, Encoding.UTF8, contentType),
                RequestMessage = request,
            };
            configure?.Invoke(response);
            return Task.FromResult(response);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Json(int status, string body) =>
        Reply(status, body);

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> RetryAfter(int status, string body, TimeSpan delta) =>
        Reply(status, body, configure: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Throw(Func<Exception> failure) =>
        (_, __) => Task.FromException<HttpResponseMessage>(failure());

    /// <summary>Headers arrive, then the connection drops while the body is read.</summary>
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> DropDuringBody(int status = 200) =>
        (request, _) => Task.FromResult(new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StreamContent(new FailingStream()),
            RequestMessage = request,
        });

    /// <summary>Never answers; ends only when the request's token is cancelled (timeout or caller).</summary>
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        };

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>A body of unknown length (chunked transfer), so the client must count what it reads.</summary>
internal sealed class NonSeekableStream : MemoryStreamWrapper
{
    public NonSeekableStream(byte[] bytes)
        : base(bytes)
    {
    }
}

internal class MemoryStreamWrapper : System.IO.Stream
{
    private readonly System.IO.MemoryStream _inner;

    public MemoryStreamWrapper(byte[] bytes) => _inner = new System.IO.MemoryStream(bytes, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new System.NotSupportedException();

    public override long Position { get => throw new System.NotSupportedException(); set => throw new System.NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new System.NotSupportedException();

    public override void SetLength(long value) => throw new System.NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
}
