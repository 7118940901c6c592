using System.IO;
using Authy.Emulator.Parameters;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Authy.Emulator.Pipeline;

/// <summary>
/// One API request as its dialect (Authy, or Verify/Lookup) has read it: what the shared
/// <see cref="RequestPipeline"/> needs to log, rate limit and answer it. Auth, the error envelope
/// and the reply's encoding are the dialect's; everything else is the pipeline's.
/// </summary>
internal abstract class ApiCall
{
    /// <summary>The credential the rate limiter counts against (the presented key or account).</summary>
    public abstract string RateLimitKey { get; }

    /// <summary>Values never written to the request log.</summary>
    public abstract IReadOnlyCollection<string> Secrets { get; }

    /// <summary>The parameters as logged (before <see cref="Secrets"/> are redacted).</summary>
    public abstract JsonObject LoggedParameters { get; }

    public abstract ApiResponse TooManyRequests();

    public abstract ApiResponse InternalError();

    /// <summary>Auth, then the handler. An unexpected exception becomes <see cref="InternalError"/>.</summary>
    public abstract ApiResponse Process();

    /// <summary>Runs after <see cref="Process"/>, before any after-processing fault (e.g. webhooks).</summary>
    public virtual Task AfterProcessAsync(CancellationToken stopping) => Task.CompletedTask;

    public abstract Task WriteAsync(HttpContext context, ApiResponse response);
}

/// <summary>
/// Everything every API request goes through, whatever its API, in this order: log (redacted),
/// count the route, rate limit, fault dice (before), auth and handler (the <see cref="ApiCall"/>),
/// fault dice (after), latency, reply. Control endpoints (/_emulator) bypass all of it.
/// </summary>
internal sealed class RequestPipeline
{
    private const int MaxBodyBytes = 1024 * 1024;

    private const string ServiceUnavailablePage =
        "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n" +
        "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    // Defined once, not parsed on every call as LogError's template would be (CA1848); event id 0 as before.
    private static readonly Action<ILogger, PathString, Exception?> LogUnhandledError =
        LoggerMessage.Define<PathString>(LogLevel.Error, default, "Unhandled error in {Path}");

    private readonly EmulatorServices _services;
    private readonly CancellationToken _stopping;
    private readonly ILogger _logger;

    public RequestPipeline(EmulatorServices services, ILogger logger, CancellationToken stopping)
    {
        _services = services;
        _stopping = stopping;
        _logger = logger;
    }

    public async Task RunAsync(HttpContext context, string route, DateTimeOffset now, ApiCall call)
    {
        var entry = _services.Requests.Add(
            now,
            context.Request.Method,
            context.Request.Path.Value ?? "",
            Redactor.RedactQuery(context.Request.QueryString.Value?.TrimStart('?') ?? "", call.Secrets),
            Redactor.RedactParameters(call.LoggedParameters, call.Secrets));
        _services.Stats.CountRequest(route);
        // A long poll on /_emulator/requests?wait_for=N sees this request while it is still in flight.
        _services.Changes.Pulse();

        string? faultName = null;
        ApiResponse response;
        if (_services.RateLimiter.IsOverLimit(call.RateLimitKey))
        {
            faultName = "rate_limit";
            _services.Stats.CountRateLimited();
            response = call.TooManyRequests();
        }
        else
        {
            var fault = _services.Faults.Roll();
            if (fault is not null)
            {
                faultName = fault.Name;
                _services.Stats.CountFault(fault.Name);
            }

            if (fault is { AfterProcessing: false })
            {
                switch (fault.Kind)
                {
                    case FaultKind.TooManyRequests429:
                        response = call.TooManyRequests();
                        break;
                    case FaultKind.ServiceUnavailable503:
                        // A non-JSON body, as a proxy in front of the real service may send (docs/api/authy.md §4.3).
                        await DelayAsync(context).ConfigureAwait(false);
                        context.Response.StatusCode = 503;
                        await ResponseWriter.WriteTextAsync(context, ServiceUnavailablePage, "text/html").ConfigureAwait(false);
                        _services.Requests.Complete(entry, 503, faultName);
                        return;
                    case FaultKind.ServerError500:
                        response = call.InternalError();
                        break;
                    default:
                        await DropConnectionAsync(context, fault.Kind).ConfigureAwait(false);
                        _services.Requests.Complete(entry, null, faultName);
                        return;
                }
            }
            else
            {
                try
                {
                    response = call.Process();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogUnhandledError(_logger, context.Request.Path, e);
                    response = call.InternalError();
                }

                await call.AfterProcessAsync(_stopping).ConfigureAwait(false);
                if (fault is { AfterProcessing: true })
                {
                    // The request took effect; the reply is lost. The client cannot know which.
                    if (fault.Kind == FaultKind.ServerError500)
                    {
                        response = call.InternalError();
                    }
                    else
                    {
                        await DropConnectionAsync(context, fault.Kind).ConfigureAwait(false);
                        _services.Requests.Complete(entry, null, faultName);
                        return;
                    }
                }
            }
        }

        await DelayAsync(context).ConfigureAwait(false);
        _services.Requests.Complete(entry, response.Status, faultName);
        await call.WriteAsync(context, response).ConfigureAwait(false);
    }

    /// <summary>The raw body as strict UTF-8, at most 1 MiB; <see cref="ParameterParseException"/> otherwise.</summary>
    public static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new ParameterParseException("Request body too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new ParameterParseException("Request body is not UTF-8.");
        }
    }

    /// <summary>Whether the request carries a body at all (a length, or chunked).</summary>
    public static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private async Task DelayAsync(HttpContext context)
    {
        var latency = _services.Options.Latency;
        if (latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up; the write below fails harmlessly.
            }
        }
    }

    /// <summary>reset: drop the connection now; timeout: hold it until the client gives up (or the hold ends), then drop it.</summary>
    private async Task DropConnectionAsync(HttpContext context, FaultKind kind)
    {
        if (kind == FaultKind.Timeout)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
            try
            {
                await Task.Delay(_services.Options.TimeoutFaultHold, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up or the emulator is stopping.
            }
        }

        context.Abort();
    }
}
