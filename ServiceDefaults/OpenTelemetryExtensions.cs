using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>OpenTelemetry logs, metrics and traces, exported over OTLP when an endpoint is configured.</summary>
public static class OpenTelemetryExtensions
{
    /// <summary>
    /// Configures metrics with ASP.NET Core, HttpClient and runtime instrumentation, the service's own meters, exported
    /// over OTLP and served to Prometheus on <c>/metrics</c> (<see cref="MetricsEndpoint"/>): one set of instruments
    /// (<see cref="System.Diagnostics.Metrics"/>) that the Aspire dashboard and Prometheus both see. When an OTLP endpoint
    /// is configured (the Aspire AppHost sets one), logs and traces are exported to it too. Without an endpoint no trace is
    /// recorded and no log goes to OpenTelemetry: there is nowhere to send them, and recording them costs every
    /// request. Activities still flow to any other listener, so tests can observe spans without an exporter.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(
        this TBuilder builder,
        IEnumerable<string> additionalMeters,
        IEnumerable<string> additionalSources)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var meters = additionalMeters.ToArray();
        var sources = additionalSources.ToArray();

        // HttpClientFactory logs four Information lines per outgoing request; the spans say the same, and a poller
        // would fill the console with them. Warnings and errors still show.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(meters)
                // A scrape always shows the state now: a balancer places vehicles by it.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        // Meters are matched by name in the whole process. Where several services share one (the tests' in-process
        // hosts), each would export the others' series of the same meter too; a meter made by another host's
        // IMeterFactory is not this service's.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument =>
                instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null);
        });

        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        telemetry
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new RequestRootSampler()))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(sources)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes and scrapes hit these every few seconds; tracing them buries the real traffic.
                    options.Filter = context => !HealthEndpoints.IsProbe(context.Request.Path) && !IsScrape(context.Request.Path))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    private static bool IsScrape(Microsoft.AspNetCore.Http.PathString path) => path.StartsWithSegments(MetricsEndpoint.Path);
}
