using System.Diagnostics.Metrics;
using GridAspire.Substation.Configuration;
using GridAspire.Substation.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace GridAspire.Substation.Tests;

/// <summary>A substation's metrics on a meter of their own, with collectors for what the tests read back.</summary>
internal sealed class MeasuredSubstation : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public MeasuredSubstation(string id)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new SubstationMetrics(factory, Options.Create(new SubstationOptions { Id = id }));
        EnergyJoules = new MetricCollector<double>(factory, SubstationMetrics.MeterName, "substation.energy.delivered");
        TimeToFullSeconds = new MetricCollector<double>(factory, SubstationMetrics.MeterName, "substation.session.time_to_full");
    }

    public SubstationMetrics Metrics { get; }

    public MetricCollector<double> EnergyJoules { get; }

    public MetricCollector<double> TimeToFullSeconds { get; }

    /// <summary>Energy delivered so far, in kWh.</summary>
    public double EnergyKwh => EnergyJoules.GetMeasurementSnapshot().Sum(m => m.Value) / 3.6e6;

    public void Dispose()
    {
        EnergyJoules.Dispose();
        TimeToFullSeconds.Dispose();
        _services.Dispose();
    }
}
