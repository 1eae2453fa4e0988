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
    /// Configures logging, metrics and tracing with ASP.NET Core, HttpClient and runtime instrumentation.
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

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(meters))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(sources)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes hit these every few seconds; tracing them buries the real traffic.
                    options.Filter = context => !HealthEndpoints.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
