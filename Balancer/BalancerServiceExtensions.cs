using GridAspire.Balancer.Api;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.Discovery;
using GridAspire.Balancer.Forwarding;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Balancer.Polling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Forwarder;

namespace GridAspire.Balancer;

/// <summary>Registers and maps the balancer.</summary>
public static class BalancerServiceExtensions
{
    /// <summary>Adds YARP with the grid-aware pipeline pieces, polling and discovery.</summary>
    public static WebApplicationBuilder AddBalancer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.BindAndValidateOnStart<BalancerOptions, BalancerOptionsValidator>(BalancerOptions.SectionName)
            .Validate(o => PolicyNames.All.Contains(o.Policy), $"Balancer:Policy must be one of {string.Join(", ", PolicyNames.All)}.")
            .Validate(o => o.Substations.Values.All(u => u.IsAbsoluteUri), "Balancer:Substations values must be absolute URLs.");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        builder.Services.AddSingleton<BalancerMetrics>();
        builder.Services.AddSingleton<LoadTracker>();
        builder.Services.AddSingleton<ProxyConfigPublisher>();
        builder.Services.AddSingleton<MetricsPoller>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsPoller>());
        builder.Services.AddSingleton<DestinationDiscovery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DestinationDiscovery>());
        builder.Services.AddSingleton<IPlacementPolicy, LeastLoadPlacement>();
        builder.Services.AddSingleton<IPlacementPolicy, NaiveLeastLoadedPlacement>();
        builder.Services.AddSingleton<IPlacementPolicy, PowerOfTwoChoicesPlacement>();
        builder.Services.AddSingleton<IPlacementPolicy, RoundRobinPlacement>();
        builder.Services.AddSingleton<PlacementPolicies>();

        // Polling has its own timeout and treats a failure as a health signal; retries would only hide it, and a
        // log line per poll would bury everything else.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented opt-out.
        builder.Services.AddHttpClient(MetricsPoller.HttpClientName).RemoveAllResilienceHandlers().RemoveAllLoggers();
        builder.Services.AddHttpClient(BookingFence.HttpClientName).RemoveAllResilienceHandlers();
        builder.Services.AddSingleton<BookingFence>();
        builder.Services.AddHttpClient(PolicyPropagation.HttpClientName).RemoveAllResilienceHandlers();
        builder.Services.AddSingleton<PolicyPropagation>();
        builder.Services.AddHostedService<PolicyCatchUp>();
#pragma warning restore EXTEXP0001

        // The real configuration is published by ProxyConfigPublisher once destinations are known.
        builder.Services.AddReverseProxy().LoadFromMemory([], []).AddTransforms(ForwardingTransforms.Apply);
        builder.Services.AddSingleton<IForwarderHttpClientFactory, TimedForwarderHttpClientFactory>();
        builder.Services.AddHealthChecks().AddCheck<GridReadinessCheck>("grid");
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Maps the proxy with its pipeline, <c>/balancer</c> and the OpenAPI document; registers the destinations' gauges.</summary>
    public static WebApplication MapBalancer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<BalancerMetrics>();
        var tracker = app.Services.GetRequiredService<LoadTracker>();
        var policies = app.Services.GetRequiredService<PlacementPolicies>();
        _ = app.Services.GetRequiredService<ProxyConfigPublisher>(); // publishes the configured substations now
        metrics.Observe(tracker.All, () => policies.Current.Name);

        app.MapOpenApi();
        app.MapBalancerApi();
        // No YARP load balancing: the admission middleware chooses and reserves in one step, then hands the forwarder
        // exactly one destination.
        app.MapReverseProxy(proxy =>
        {
            proxy.UseWhen(IsRoute(ProxyConfigPublisher.AdmitRouteId), admit => admit.UseMiddleware<AdmissionMiddleware>());
            proxy.UseWhen(IsRoute(ProxyConfigPublisher.SessionRouteId), session => session.UseMiddleware<SessionOwnerMiddleware>());
        });
        return app;
    }

    private static Func<HttpContext, bool> IsRoute(string routeId) => context => context.GetRouteModel().Config.RouteId == routeId;
}
