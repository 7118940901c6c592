using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Authy.Emulator.Pipeline;

/// <summary>An authenticated API request as the endpoint handlers see it.</summary>
internal sealed class ApiRequest
{
    public ApiRequest(HttpContext http, JsonObject parameters, DateTimeOffset now)
    {
        Http = http;
        Parameters = parameters;
        Now = now;
    }

    public HttpContext Http { get; }

    /// <summary>Query + form/JSON/XML body merged into one nested hash (docs/api/authy.md §1.4).</summary>
    public JsonObject Parameters { get; }

    /// <summary>The emulator clock, read once per request so one request sees one instant.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>A path segment captured by the route template, e.g. "authy_id".</summary>
    public string? Route(string name) => Http.GetRouteValue(name)?.ToString();
}

/// <summary>An API operation. Runs synchronously: all state work is in memory and quick.</summary>
internal delegate Json.ApiResponse ApiHandler(ApiRequest request);
