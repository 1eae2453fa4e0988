using System.Diagnostics.Metrics;

namespace GridAspire.ChargeRequest.Diagnostics;

/// <summary>Meter <see cref="MeterName"/>: charging requests by outcome.</summary>
public sealed class ChargeMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "GridAspire.ChargeRequest";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _cancellations;

    /// <summary>Creates the instruments.</summary>
    public ChargeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _cancellations = meter.CreateCounter<long>("charge.cancellations", "{request}", "Requests to stop charging by outcome: ended, unknown, unavailable.");
        _requests = meter
            .CreateCounter<long>("charge.requests", "{request}", "Charging requests by outcome: admitted, grid_full, no_substation_reachable, balancer_unreachable, invalid, replayed, conflict.");
    }

    /// <summary>Counts one request.</summary>
    public void Request(string outcome) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts one request to stop charging.</summary>
    public void Cancellation(string outcome) => _cancellations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
