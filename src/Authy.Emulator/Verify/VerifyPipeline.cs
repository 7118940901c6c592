using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Authy.Emulator.Hosting;
using Authy.Emulator.Json;
using Authy.Emulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Authy.Emulator.Verify;

/// <summary>
/// The Verify/Lookup twin of <see cref="ApiPipeline"/>, in the same order: read parameters, log
/// (redacted), count the route, rate limit, fault dice (before), Basic auth, handler, fault dice
/// (after), latency, reply. Errors use Twilio's envelope (verify-api.md 2.1).
/// </summary>
internal sealed class VerifyPipeline
{
    /// <summary>Parameters whose values are secrets: never logged (TOTP seeds).</summary>
    private static readonly string[] SecretParameters = { "Binding.Secret" };

    private const int MaxBodyBytes = 1024 * 1024;

    private const string ServiceUnavailablePage =
        "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n" +
        "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private readonly EmulatorServices _services;
    private readonly CancellationToken _stopping;
    private readonly ILogger _logger;
    private readonly Webhooks _webhooks;

    public VerifyPipeline(EmulatorServices services, CancellationToken stopping, ILogger logger)
    {
        _services = services;
        _stopping = stopping;
        _logger = logger;
        _webhooks = new Webhooks(services);
    }

    public void Get(IEndpointRouteBuilder routes, string template, VerifyHandler handler) => Map(routes, "GET", template, handler);

    public void Post(IEndpointRouteBuilder routes, string template, VerifyHandler handler) => Map(routes, "POST", template, handler);

    public void Delete(IEndpointRouteBuilder routes, string template, VerifyHandler handler) => Map(routes, "DELETE", template, handler);

    private void Map(IEndpointRouteBuilder routes, string method, string template, VerifyHandler handler) =>
        routes.MapMethods(template, new[] { method }, context => InvokeAsync(context, method + " " + template, handler));

    /// <summary>Unknown /v2 paths: logged and counted like the others, then 404/20404 in Twilio's envelope.</summary>
    public RequestDelegate CreateNotFound() =>
        context => InvokeAsync(context, context.Request.Method + " (unmatched)", null);

    private async Task InvokeAsync(HttpContext context, string route, VerifyHandler? handler)
    {
        var now = _services.Clock.UtcNow;
        Dictionary<string, StringValues> parameters;
        var parseFailed = false;
        try
        {
            parameters = await ReadParametersAsync(context.Request).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            parameters = new Dictionary<string, StringValues>(StringComparer.Ordinal);
            parseFailed = true;
        }

        var (user, password) = ReadBasic(context.Request);
        var secrets = new List<string> { _services.Options.AuthToken, _services.Options.ApiKeySecret, _services.Options.ApiKey };
        if (!string.IsNullOrEmpty(password) && !secrets.Contains(password))
        {
            secrets.Add(password);
        }

        foreach (var name in SecretParameters)
        {
            if (parameters.TryGetValue(name, out var values))
            {
                foreach (var value in values)
                {
                    if (!string.IsNullOrEmpty(value) && !secrets.Contains(value))
                    {
                        secrets.Add(value);
                    }
                }
            }
        }

        var entry = _services.Requests.Add(
            now,
            context.Request.Method,
            context.Request.Path.Value ?? "",
            Redactor.RedactQuery(context.Request.QueryString.Value?.TrimStart('?') ?? "", secrets),
            Redactor.RedactParameters(ToJson(parameters), secrets));
        _services.Stats.CountRequest(route);

        string? faultName = null;
        ApiResponse response;
        if (_services.RateLimiter.IsOverLimit(user ?? ""))
        {
            faultName = "rate_limit";
            _services.Stats.CountRateLimited();
            response = TwilioJson.TooManyRequests();
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
                        response = TwilioJson.TooManyRequests();
                        break;
                    case FaultKind.ServiceUnavailable503:
                        await DelayAsync(context).ConfigureAwait(false);
                        context.Response.StatusCode = 503;
                        await ResponseWriter.WriteTextAsync(context, ServiceUnavailablePage, "text/html").ConfigureAwait(false);
                        _services.Requests.Complete(entry, 503, faultName);
                        return;
                    case FaultKind.ServerError500:
                        response = TwilioJson.InternalError();
                        break;
                    default:
                        await DropConnectionAsync(context, fault.Kind).ConfigureAwait(false);
                        _services.Requests.Complete(entry, null, faultName);
                        return;
                }
            }
            else
            {
                response = Process(context, handler, parameters, user, password, parseFailed, now, out var processed);
                if (processed is { Events.Count: > 0 })
                {
                    await _webhooks.DeliverAsync(processed.Events, _stopping).ConfigureAwait(false);
                }
                if (fault is { AfterProcessing: true })
                {
                    if (fault.Kind == FaultKind.ServerError500)
                    {
                        response = TwilioJson.InternalError();
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
        context.Response.StatusCode = response.Status;
        if (response.Status == 204)
        {
            return;
        }

        await ResponseWriter.WriteTextAsync(context, CompactJson.Serialize(response.Body), "application/json").ConfigureAwait(false);
    }

    private ApiResponse Process(
        HttpContext context, VerifyHandler? handler, Dictionary<string, StringValues> parameters, string? user, string? password,
        bool parseFailed, DateTimeOffset now, out VerifyRequest? processed)
    {
        processed = null;
        if (Authenticate(user, password) is { } failure)
        {
            return failure;
        }

        if (handler is null)
        {
            return TwilioJson.NotFound(context.Request.Path.Value ?? "");
        }

        if (parseFailed)
        {
            return TwilioJson.Error(400, 20001, "Unable to parse the request body");
        }

        try
        {
            processed = new VerifyRequest(context, parameters, now);
            lock (_services.State.Gate)
            {
                return handler(processed);
            }
        }
        catch (TwilioErrorException e)
        {
            return e.Response;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Unhandled error in {Path}", context.Request.Path);
            return TwilioJson.InternalError();
        }
    }

    /// <summary>verify-api.md 1.2: account SID + auth token, or API key SID + secret; 401/20003 otherwise.</summary>
    private ApiResponse? Authenticate(string? user, string? password)
    {
        if (user is null)
        {
            return TwilioJson.AuthenticationFailed("Authentication Error - No credentials provided");
        }

        var options = _services.Options;
        string expected;
        if (string.Equals(user, options.AccountSid, StringComparison.Ordinal))
        {
            expected = options.AuthToken;
        }
        else if (string.Equals(user, options.ApiKeySid, StringComparison.Ordinal))
        {
            expected = options.ApiKeySecret;
        }
        else
        {
            return TwilioJson.AuthenticationFailed("Authentication Error - invalid username");
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password ?? ""), Encoding.UTF8.GetBytes(expected))
            ? null
            : TwilioJson.AuthenticationFailed("Authenticate");
    }

    private static (string? User, string? Password) ReadBasic(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (text, "") : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    /// <summary>Query string, then a form body (its values win on a clash, as the clients never send both).</summary>
    private static async Task<Dictionary<string, StringValues>> ReadParametersAsync(HttpRequest request)
    {
        var result = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
        {
            result[name] = values;
        }

        if (request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            var mediaType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
            var text = await ReadBodyAsync(request).ConfigureAwait(false);
            if (mediaType == "application/x-www-form-urlencoded" || mediaType.Length == 0)
            {
                foreach (var (name, values) in QueryHelpers.ParseQuery(text.Trim()))
                {
                    result[name] = values;
                }
            }
            else
            {
                throw new InvalidDataException("Verify bodies are application/x-www-form-urlencoded.");
            }
        }

        return result;
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
                throw new InvalidDataException("Request body too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("Request body is not UTF-8.");
        }
    }

    private static JsonObject ToJson(Dictionary<string, StringValues> parameters)
    {
        var json = new JsonObject();
        foreach (var (name, values) in parameters)
        {
            if (Array.IndexOf(SecretParameters, name) >= 0)
            {
                json[name] = Redactor.Placeholder;
            }
            else if (values.Count == 1)
            {
                json[name] = values[0];
            }
            else
            {
                var array = new JsonArray();
                foreach (var value in values)
                {
                    array.Add(value);
                }

                json[name] = array;
            }
        }

        return json;
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
            }
        }
    }

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
            }
        }

        context.Abort();
    }
}
