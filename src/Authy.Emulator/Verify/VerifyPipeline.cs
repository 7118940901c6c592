using System.Security.Cryptography;
using Authy.Emulator.Parameters;
using Authy.Emulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Authy.Emulator.Verify;

/// <summary>
/// The Verify/Lookup dialect of the <see cref="RequestPipeline"/>: query + form parameters,
/// HTTP Basic auth (account SID + auth token, or API key SID + secret), Twilio's error envelope
/// (docs/api/verify.md §2.1), JSON replies, and webhooks for the events a request raised.
/// </summary>
internal sealed class VerifyPipeline
{
    /// <summary>Parameters whose values are secrets: never logged (TOTP seeds).</summary>
    private static readonly string[] SecretParameters = { "Binding.Secret" };

    private readonly EmulatorServices _services;
    private readonly RequestPipeline _pipeline;
    private readonly Webhooks _webhooks;

    public VerifyPipeline(EmulatorServices services, ILogger logger, CancellationToken stopping)
    {
        _services = services;
        _pipeline = new RequestPipeline(services, logger, stopping);
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
        catch (ParameterParseException)
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

        var call = new VerifyCall(this, context, handler, parameters, user, password, parseFailed, now, secrets);
        await _pipeline.RunAsync(context, route, now, call).ConfigureAwait(false);
    }

    private sealed class VerifyCall(
        VerifyPipeline owner, HttpContext context, VerifyHandler? handler, Dictionary<string, StringValues> parameters,
        string? user, string? password, bool parseFailed, DateTimeOffset now, List<string> secrets) : ApiCall
    {
        private VerifyRequest? _processed;

        public override string RateLimitKey => user ?? "";

        public override IReadOnlyCollection<string> Secrets => secrets;

        public override JsonObject LoggedParameters => ToJson(parameters);

        public override ApiResponse TooManyRequests() => TwilioJson.TooManyRequests();

        public override ApiResponse InternalError() => TwilioJson.InternalError();

        public override ApiResponse Process()
        {
            if (owner.Authenticate(user, password) is { } failure)
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
                _processed = new VerifyRequest(context, parameters, now);
                lock (owner._services.State.Gate)
                {
                    return handler(_processed);
                }
            }
            catch (TwilioErrorException e)
            {
                return e.Response;
            }
        }

        public override async Task AfterProcessAsync(CancellationToken stopping)
        {
            if (_processed is { Events.Count: > 0 })
            {
                await owner._webhooks.DeliverAsync(_processed.Events, stopping).ConfigureAwait(false);
            }
        }

        public override async Task WriteAsync(HttpContext context, ApiResponse response)
        {
            context.Response.StatusCode = response.Status;
            if (response.Status == 204)
            {
                return;
            }

            await ResponseWriter.WriteTextAsync(context, CompactJson.Serialize(response.Body), "application/json").ConfigureAwait(false);
        }
    }

    /// <summary>docs/api/verify.md §1.2: account SID + auth token, or API key SID + secret; 401/20003 otherwise.</summary>
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

        if (RequestPipeline.HasBody(request))
        {
            var mediaType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
            var text = await RequestPipeline.ReadBodyAsync(request).ConfigureAwait(false);
            if (mediaType == "application/x-www-form-urlencoded" || mediaType.Length == 0)
            {
                foreach (var (name, values) in QueryHelpers.ParseQuery(text.Trim()))
                {
                    result[name] = values;
                }
            }
            else
            {
                throw new ParameterParseException("Verify bodies are application/x-www-form-urlencoded.");
            }
        }

        return result;
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
}
