using Authy.Emulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Authy.Emulator.Endpoints;

/// <summary>Registers API routes so each one runs through the <see cref="ApiPipeline"/> under its template name.</summary>
internal sealed class ApiRouteBuilder
{
    private readonly IEndpointRouteBuilder _routes;
    private readonly ApiPipeline _pipeline;

    public ApiRouteBuilder(IEndpointRouteBuilder routes, ApiPipeline pipeline)
    {
        _routes = routes;
        _pipeline = pipeline;
    }

    public void Get(string template, ApiHandler handler) => Map("GET", template, handler);

    public void Post(string template, ApiHandler handler) => Map("POST", template, handler);

    private void Map(string method, string template, ApiHandler handler) =>
        _routes.MapMethods(template, new[] { method }, _pipeline.Create(method, template, handler));
}
