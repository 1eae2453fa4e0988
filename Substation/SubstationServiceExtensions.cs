using GridAspire.Substation.Api;
using GridAspire.Substation.Charging;
using GridAspire.Substation.Configuration;
using GridAspire.Substation.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace GridAspire.Substation;

/// <summary>Registers and maps the substation.</summary>
public static class SubstationServiceExtensions
{
    /// <summary>Adds validated options, the sessions and their metrics.</summary>
    public static WebApplicationBuilder AddSubstation(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.BindAndValidateOnStart<SubstationOptions, SubstationOptionsValidator>(SubstationOptions.SectionName);
        builder.Services.BindAndValidateOnStart<SimulationOptions, SimulationOptionsValidator>(SimulationOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new SubstationMetrics(sp.GetRequiredService<IOptions<SubstationOptions>>().Value.Id));
        builder.Services.AddSingleton<ChargingSessions>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Maps <c>/sessions</c>, <c>/metrics</c> (Prometheus) and the OpenAPI document.</summary>
    public static WebApplication MapSubstation(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Created now, not on the first request: it publishes capacity and refreshes the gauges before each scrape,
        // and a balancer polls /metrics long before any vehicle arrives.
        _ = app.Services.GetRequiredService<ChargingSessions>();
        app.MapOpenApi();
        app.MapSessions();
        app.MapAdmin();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<SubstationMetrics>().Registry);
        return app;
    }
}
