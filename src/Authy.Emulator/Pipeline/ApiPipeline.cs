using Authy.Emulator.Parameters;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Authy.Emulator.Pipeline;

/// <summary>
/// The Authy dialect of the <see cref="RequestPipeline"/>: Rails-style parameters (query + form,
/// JSON or XML body), the X-Authy-API-Key header (or api_key parameter), Authy's error envelope,
/// and JSON or XML replies by the route's format.
/// </summary>
internal sealed class ApiPipeline
{
    public const string ApiKeyHeader = "X-Authy-API-Key";

    private readonly EmulatorServices _services;
    private readonly RequestPipeline _pipeline;

    public ApiPipeline(EmulatorServices services, ILogger logger, CancellationToken stopping)
    {
        _services = services;
        _pipeline = new RequestPipeline(services, logger, stopping);
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
        var secrets = new List<string> { _services.Options.ApiKey };
        foreach (var candidate in new[] { headerKey, parameterKey })
        {
            if (!string.IsNullOrEmpty(candidate) && !secrets.Contains(candidate))
            {
                secrets.Add(candidate);
            }
        }

        var call = new AuthyCall(_services, context, handler, format, parameters, headerKey.Length > 0 ? headerKey : parameterKey, parseFailed, now, secrets);
        await _pipeline.RunAsync(context, route, now, call).ConfigureAwait(false);
    }

    private sealed class AuthyCall(
        EmulatorServices services, HttpContext context, ApiHandler? handler, string? format, JsonObject parameters,
        string? presentedKey, bool parseFailed, DateTimeOffset now, List<string> secrets) : ApiCall
    {
        public override string RateLimitKey => presentedKey ?? "";

        public override IReadOnlyCollection<string> Secrets => secrets;

        public override JsonObject LoggedParameters => parameters;

        public override ApiResponse TooManyRequests() => Envelopes.RateLimited();

        public override ApiResponse InternalError() => Envelopes.InternalError();

        public override ApiResponse Process()
        {
            if (handler is null || (format is not null && format != "json" && format != "xml"))
            {
                return Envelopes.RouteNotFound();
            }

            if (parseFailed)
            {
                return Envelopes.InvalidRequest();
            }

            if (!string.Equals(presentedKey, services.Options.ApiKey, StringComparison.Ordinal))
            {
                return Envelopes.InvalidApiKey();
            }

            lock (services.State.Gate)
            {
                services.State.Month(now).ApiCallsCount++;
            }

            return handler(new ApiRequest(context, parameters, now));
        }

        public override Task WriteAsync(HttpContext context, ApiResponse response) =>
            ResponseWriter.WriteAsync(context, response, format == "xml");
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
        if (RequestPipeline.HasBody(request))
        {
            var text = await RequestPipeline.ReadBodyAsync(request).ConfigureAwait(false);
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
}
