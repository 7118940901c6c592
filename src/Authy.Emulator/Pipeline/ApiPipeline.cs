using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using Authy.Emulator.Json;
using Authy.Emulator.Parameters;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Authy.Emulator.Pipeline;

/// <summary>
/// Everything every API request goes through, in this order: read parameters, log (redacted),
/// count the route, rate limit, fault dice (before), API key, handler, fault dice (after),
/// latency, reply. Control endpoints (/_emulator) bypass all of it.
/// </summary>
internal sealed class ApiPipeline
{
    public const string ApiKeyHeader = "X-Authy-API-Key";

    private const int MaxBodyBytes = 1024 * 1024;

    private const string ServiceUnavailablePage =
        "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n" +
        "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private readonly EmulatorServices _services;
    private readonly CancellationToken _stopping;
    private readonly ILogger _logger;

    public ApiPipeline(EmulatorServices services, CancellationToken stopping, ILogger logger)
    {
        _services = services;
        _stopping = stopping;
        _logger = logger;
    }

    /// <summary>A request delegate for one API route; <paramref name="template"/> is what /_emulator/stats counts.</summary>
    public RequestDelegate Create(string method, string template, ApiHandler handler) =>
        context => InvokeAsync(context, method + " " + template, handler);

    /// <summary>Unknown API paths: logged and counted, then 404 (Rails routing error).</summary>
    public RequestDelegate CreateNotFound() =>
        context => InvokeAsync(context, context.Request.Method + " (unmatched)", null);

    private async Task InvokeAsync(HttpContext context, string route, ApiHandler? handler)
    {
        var now = _services.Clock.UtcNow;
        var format = context.GetRouteValue("format")?.ToString();
        var xml = format == "xml";

        JsonObject parameters;
        var parseFailed = false;
        try
        {
            parameters = await ReadParametersAsync(context.Request).ConfigureAwait(false);
        }
        catch (ParameterParseException)
        {
            parameters = new JsonObject();
            parseFailed = true;
        }

        var headerKey = context.Request.Headers[ApiKeyHeader].ToString();
        var parameterKey = ParameterReader.GetString(parameters, "api_key");
        var presentedKey = headerKey.Length > 0 ? headerKey : parameterKey;
        var secrets = new List<string> { _services.Options.ApiKey };
        foreach (var candidate in new[] { headerKey, parameterKey })
        {
            if (!string.IsNullOrEmpty(candidate) && !secrets.Contains(candidate))
            {
                secrets.Add(candidate);
            }
        }

        var entry = _services.Requests.Add(
            now,
            context.Request.Method,
            context.Request.Path.Value ?? "",
            Redactor.RedactQuery(context.Request.QueryString.Value?.TrimStart('?') ?? "", secrets),
            Redactor.RedactParameters(parameters, secrets));
        _services.Stats.CountRequest(route);

        string? faultName = null;
        ApiResponse response;
        if (_services.RateLimiter.IsOverLimit(presentedKey ?? ""))
        {
            faultName = "rate_limit";
            _services.Stats.CountRateLimited();
            response = Envelopes.RateLimited();
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
                        response = Envelopes.RateLimited();
                        break;
                    case FaultKind.ServiceUnavailable503:
                        // A non-JSON body, as a proxy in front of the real service may send (authy-api.md 4.3).
                        await DelayAsync(context).ConfigureAwait(false);
                        context.Response.StatusCode = 503;
                        await ResponseWriter.WriteTextAsync(context, ServiceUnavailablePage, "text/html").ConfigureAwait(false);
                        _services.Requests.Complete(entry, 503, faultName);
                        return;
                    case FaultKind.ServerError500:
                        response = Envelopes.InternalError();
                        break;
                    default:
                        await DropConnectionAsync(context, fault.Kind).ConfigureAwait(false);
                        _services.Requests.Complete(entry, null, faultName);
                        return;
                }
            }
            else
            {
                response = Process(context, handler, format, parameters, presentedKey, parseFailed, now);
                if (fault is { AfterProcessing: true })
                {
                    // The request took effect; the reply is lost. The client cannot know which.
                    if (fault.Kind == FaultKind.ServerError500)
                    {
                        response = Envelopes.InternalError();
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
        await ResponseWriter.WriteAsync(context, response, xml).ConfigureAwait(false);
    }

    private ApiResponse Process(
        HttpContext context, ApiHandler? handler, string? format, JsonObject parameters, string? presentedKey,
        bool parseFailed, DateTimeOffset now)
    {
        if (handler is null || (format is not null && format != "json" && format != "xml"))
        {
            return Envelopes.RouteNotFound();
        }

        if (parseFailed)
        {
            return Envelopes.InvalidRequest();
        }

        if (!string.Equals(presentedKey, _services.Options.ApiKey, StringComparison.Ordinal))
        {
            return Envelopes.InvalidApiKey();
        }

        lock (_services.State.Gate)
        {
            _services.State.Month(now).ApiCallsCount++;
        }

        try
        {
            return handler(new ApiRequest(context, parameters, now));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Unhandled error in {Path}", context.Request.Path);
            return Envelopes.InternalError();
        }
    }

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

    /// <summary>
    /// Query string + body, merged as Rails does. Rack parses a form body when the media type is
    /// form-urlencoded, or when a POST has no Content-Type at all.
    /// </summary>
    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        var query = new JsonObject();
        ParameterParser.ParseFormEncoded(request.QueryString.Value?.TrimStart('?') ?? "", query);

        var body = new JsonObject();
        if (request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            var text = await ReadBodyAsync(request).ConfigureAwait(false);
            var mediaType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
            if (mediaType == "application/x-www-form-urlencoded" ||
                (mediaType.Length == 0 && HttpMethods.IsPost(request.Method)))
            {
                ParameterParser.ParseFormEncoded(text.Trim(), body);
            }
            else if (mediaType.EndsWith("/json", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal))
            {
                body = ParameterParser.ParseJsonBody(text);
            }
            else if (mediaType.EndsWith("/xml", StringComparison.Ordinal))
            {
                body = XmlBodyReader.Parse(text);
            }
        }

        return ParameterParser.Merge(body, query);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
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
}
