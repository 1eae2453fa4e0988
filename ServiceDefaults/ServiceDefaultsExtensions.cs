using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The cross-cutting defaults every GridAspire service starts from: OpenTelemetry, health checks,
/// service discovery and resilient HttpClients.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Adds OpenTelemetry, default health checks, service discovery and HttpClient resilience.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="additionalMeters">Meter names of the service's own metrics, exported beside the defaults.</param>
    /// <param name="additionalSources">ActivitySource names of the service's own spans.</param>
    public static TBuilder AddServiceDefaults<TBuilder>(
        this TBuilder builder,
        IEnumerable<string>? additionalMeters = null,
        IEnumerable<string>? additionalSources = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry(additionalMeters ?? [], additionalSources ?? []);
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemResponses();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Retrying a POST can book a charging session twice; only safe methods are retried.
            http.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });

        return builder;
    }
}
