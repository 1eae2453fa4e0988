using GridAspire.Substation.Api;
using GridAspire.Substation.Booking;
using GridAspire.Substation.Charging;
using GridAspire.Substation.Configuration;
using GridAspire.Substation.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        builder.Services.AddSingleton<SubstationMetrics>();
        builder.Services.AddSingleton<ChargingSessions>();
        builder.Services.AddSingleton<BookingLedger>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Maps <c>/sessions</c>, <c>/bookings</c>, the administration endpoints and the OpenAPI document (<c>/metrics</c> is the service defaults').</summary>
    public static WebApplication MapSubstation(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Created now, not on the first request: its gauges report the capacity, and a balancer polls /metrics long
        // before any vehicle arrives.
        _ = app.Services.GetRequiredService<ChargingSessions>();
        app.MapOpenApi();
        app.MapSessions();
        app.MapBookings();
        app.MapAdmin();
        return app;
    }
}
