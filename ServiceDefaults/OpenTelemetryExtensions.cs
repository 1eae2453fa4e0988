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
    /// Configures metrics with ASP.NET Core, HttpClient and runtime instrumentation and, when an OTLP endpoint is
    /// configured (the Aspire AppHost sets one), logs and traces exported to it. Without an endpoint no trace is
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
                .AddMeter(meters));

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

    private static bool IsScrape(Microsoft.AspNetCore.Http.PathString path) => path.StartsWithSegments("/metrics");
}
