using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Authy.Emulator.Verify;

/// <summary>
/// An authenticated Verify/Lookup request as handlers see it: PascalCase (and dotted) parameter
/// names from the query string and the form body, repeated names kept (docs/api/verify.md §1.3).
/// </summary>
internal sealed class VerifyRequest
{
    public VerifyRequest(HttpContext http, IReadOnlyDictionary<string, StringValues> parameters, DateTimeOffset now)
    {
        Http = http;
        Parameters = parameters;
        Now = now;
        BaseUrl = http.Request.Scheme + "://" + http.Request.Host.Value;
    }

    public HttpContext Http { get; }

    public IReadOnlyDictionary<string, StringValues> Parameters { get; }

    /// <summary>Webhook events the handler raised; delivered after the lock is released.</summary>
    public List<PendingEvent> Events { get; } = new();

    public DateTimeOffset Now { get; }

    /// <summary>Where this emulator was reached, e.g. "http://127.0.0.1:5580": resource and page URLs use it (docs/api/verify.md §3).</summary>
    public string BaseUrl { get; }

    /// <summary>The request path as received, for 20404 messages.</summary>
    public string Path => Http.Request.Path.Value ?? "";

    /// <summary>A path segment, raw: a '+' in it stays a '+' (docs/api/verify.md §1.3).</summary>
    public string Route(string name) => Http.GetRouteValue(name)?.ToString() ?? "";

    public bool Has(string name) => Parameters.ContainsKey(name);

    /// <summary>The last value of a parameter, or null when absent.</summary>
    public string? Get(string name) =>
        Parameters.TryGetValue(name, out var values) && values.Count > 0 ? values[values.Count - 1] : null;

    public IReadOnlyList<string> GetAll(string name) =>
        Parameters.TryGetValue(name, out var values) ? values.Where(v => v is not null).Select(v => v!).ToList() : Array.Empty<string>();

    /// <summary>A required, non-empty parameter; else <paramref name="invalid"/>(name).</summary>
    public string Required(string name, Func<string, ApiResponse> invalid)
    {
        var value = Get(name);
        if (string.IsNullOrEmpty(value))
        {
            throw new TwilioErrorException(invalid(name));
        }

        return value;
    }

    /// <summary>"true"/"false" (any case), else the invalid-parameter error; null when absent.</summary>
    public bool? Bool(string name, Func<string, ApiResponse> invalid)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        throw new TwilioErrorException(invalid(name));
    }

    /// <summary>An integer within [min, max], else the invalid-parameter error; null when absent.</summary>
    public int? Int(string name, int min, int max, Func<string, ApiResponse> invalid)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result) &&
            result >= min && result <= max)
        {
            return result;
        }

        throw new TwilioErrorException(invalid(name));
    }

    /// <summary>A JSON object sent as a string in one form field (RateLimits, HiddenDetails, Metadata…).</summary>
    public JsonObject? JsonObjectParameter(string name, Func<string, ApiResponse> invalid)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(value) is JsonObject obj)
            {
                return obj;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        throw new TwilioErrorException(invalid(name));
    }
}

/// <summary>A Verify or Lookup operation; runs under the state lock.</summary>
internal delegate ApiResponse VerifyHandler(VerifyRequest request);
