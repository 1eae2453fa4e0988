using System.Diagnostics.Metrics;

namespace GridAspire.ChargeRequest.Diagnostics;

/// <summary>Meter <see cref="MeterName"/>: charging requests by outcome.</summary>
public sealed class ChargeMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "GridAspire.ChargeRequest";

    private readonly Counter<long> _requests;

    /// <summary>Creates the instruments.</summary>
    public ChargeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _requests = meterFactory.Create(MeterName)
            .CreateCounter<long>("charge.requests", "{request}", "Charging requests by outcome: admitted, grid_full, no_substation_reachable, balancer_unreachable, invalid, replayed, conflict.");
    }

    /// <summary>Counts one request.</summary>
    public void Request(string outcome) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
