using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Readiness (<c>/health</c>) and liveness (<c>/alive</c>) endpoints, mapped in every environment because
/// containers, Kubernetes and the Aspire AppHost all probe them.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Path of the readiness endpoint: every registered health check must pass.</summary>
    public const string HealthPath = "/health";

    /// <summary>Path of the liveness endpoint: only checks tagged <see cref="LiveTag"/> run.</summary>
    public const string AlivePath = "/alive";

    /// <summary>Tag for checks that tell whether the process is alive, not whether it is ready.</summary>
    public const string LiveTag = "live";

    /// <summary>Registers the liveness check that only proves the process answers.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c>, <c>/alive</c> and <c>/metrics</c> (every instrument the service exports, in Prometheus'
    /// text format); all are unauthenticated and cheap.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthPath).DisableHttpMetrics();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) })
            .DisableHttpMetrics();
        app.MapPrometheusScrapingEndpoint(MetricsEndpoint.Path).DisableHttpMetrics();
        return app;
    }

    /// <summary>True when the path is one of the probe endpoints.</summary>
    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath);
}
