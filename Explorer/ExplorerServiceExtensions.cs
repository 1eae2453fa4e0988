using GridAspire.Explorer.Api;
using GridAspire.Explorer.Collection;
using GridAspire.Explorer.Configuration;
using GridAspire.Explorer.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GridAspire.Explorer;

/// <summary>Registers and maps the causality explorer.</summary>
public static class ExplorerServiceExtensions
{
    /// <summary>Adds options (validated on start), the event collection and the node client.</summary>
    public static WebApplicationBuilder AddExplorer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.BindAndValidateOnStart<ExplorerOptions, ExplorerOptionsValidator>(ExplorerOptions.SectionName)
            .Validate(o => o.Nodes.Values.All(u => u.IsAbsoluteUri), "Explorer:Nodes values must be absolute URLs.");
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ExplorerJsonContext.Default));
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddSingleton<NodeConnections>();
        builder.Services.AddSingleton<EventCollector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventCollector>());
        builder.Services.AddHostedService<MemberDiscovery>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt out.
        // A stream stays open for as long as the explorer runs: no total timeout, no retry, no log line per connection.
        builder.Services.AddHttpClient(EventCollector.StreamClient, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers().RemoveAllLoggers();
        // A write must not be retried (it would be a second write); every call is bounded by Explorer:NodeTimeout instead.
        builder.Services.AddHttpClient<KvNodes>().RemoveAllResilienceHandlers();
        // Polled every few seconds: no log line per request (a change of members is logged), no retries (the next poll is one).
        builder.Services.AddHttpClient(nameof(MemberDiscovery)).RemoveAllResilienceHandlers().RemoveAllLoggers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    /// <summary>Maps the page (static files) and its API.</summary>
    public static WebApplication MapExplorer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles();
        app.UseStaticFiles();

        // Browsers and tools ask for /favicon.ico whatever the page links; the icon is an SVG.
        app.MapGet("/favicon.ico", () => TypedResults.LocalRedirect("~/favicon.svg", permanent: true)).ExcludeFromDescription();
        app.MapOpenApi();
        app.MapExplorerApi();
        app.MapScenarios();
        return app;
    }
}
