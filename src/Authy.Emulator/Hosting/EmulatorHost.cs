using Authy.Emulator.Endpoints;
using Authy.Emulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Authy.Emulator.Hosting;

/// <summary>Builds the emulator as an ASP.NET Core app: in a program (Program.Main) or inside a test.</summary>
public static class EmulatorHost
{
    /// <summary>
    /// Creates (does not start) the emulator. <paramref name="args"/> are extra ASP.NET Core
    /// configuration arguments (e.g. <c>--Kestrel:Limits:MaxConcurrentConnections=100</c>), not emulator options.
    /// </summary>
    public static WebApplication Build(EmulatorOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The empty builder: no appsettings file watchers, no default console logger on stdout.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            Args = args ?? Array.Empty<string>(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.WebHost.UseUrls(options.Urls);
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Warnings and errors go to stderr: stdout carries only the "listening on" line.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        var services = new EmulatorServices(options);
        builder.Services.AddSingleton(services);
        if (options.IgnoreInterrupt)
        {
            // Replaces the console lifetime, which stops the app on SIGINT as well as SIGTERM.
            builder.Services.AddSingleton<IHostLifetime, InterruptIgnoringLifetime>();
        }

        var app = builder.Build();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        // Registered as an instance, so the container would not dispose it (the callback HttpClient).
        lifetime.ApplicationStopped.Register(services.Dispose);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Authy.Emulator");
        var pipeline = new ApiPipeline(services, logger, lifetime.ApplicationStopping);

        // Wakes the control API's long polls (?wait_for=N) once any request has finished: its outbox messages
        // and log status are in by then, whether an API call or a control call (POST /_emulator/users/{id}/app
        // queues an app message) made them. A finished poll wakes the others for one more read, no more.
        // (RequestPipeline pulses too, when it logs an API request still in flight.)
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                services.Changes.Pulse();
            }
        });
        app.UseRouting();
        var routes = new ApiRouteBuilder(app, pipeline);
        new UserEndpoints(services).Map(routes);
        new TokenEndpoints(services).Map(routes);
        new AuthenticatorEndpoints(services).Map(routes);
        var oneTouch = new OneTouchEndpoints(services);
        oneTouch.Map(routes);
        new PhoneVerificationEndpoints(services).Map(routes);
        PhoneInfoEndpoints.Map(routes);
        new ApplicationEndpoints(services).Map(routes);
        new ControlEndpoints(services, oneTouch).Map(app);

        // Twilio Verify v2 and Lookup v2 (src/Authy.Emulator/Verify, Lookup): same process, same faults, log and clock.
        var verify = new Verify.VerifyPipeline(services, logger, lifetime.ApplicationStopping);
        new Verify.ServiceEndpoints(services).Map(app, verify);
        new Verify.VerificationEndpoints(services).Map(app, verify);
        new Verify.FactorEndpoints(services).Map(app, verify);
        new Verify.Webhooks(services).Map(app, verify);
        Lookup.LookupEndpoints.Map(app, verify);
        app.Map("/v2/{**rest}", verify.CreateNotFound());
        app.MapFallback(pipeline.CreateNotFound());
        return app;
    }

    /// <summary>The first address Kestrel actually bound (port 0 resolved). Valid after StartAsync.</summary>
    public static Uri ListeningAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The emulator has not started.");
        return new Uri(first);
    }
}
