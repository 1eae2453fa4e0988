using System.Diagnostics.Metrics;

namespace GridAspire.ChargeRequest.Diagnostics;

/// <summary>Meter <see cref="MeterName"/>: charging requests by outcome.</summary>
public sealed class ChargeMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "GridAspire.ChargeRequest";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _cancellations;
    private readonly Histogram<double> _storeCalls;
    private readonly Counter<long> _failovers;
    private readonly UpDownCounter<long> _unanswering;

    /// <summary>Creates the instruments.</summary>
    public ChargeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _cancellations = meter.CreateCounter<long>("charge.cancellations", "{request}", "Requests to stop charging by outcome: ended, unknown, unavailable.");
        _failovers = meter.CreateCounter<long>(
            "charge.balancer_failovers", "{request}", "Requests sent on to another balancer replica because one could not be reached or did not answer.");
        _unanswering = meter.CreateUpDownCounter<long>(
            "charge.balancer.replicas.unanswering", "{replica}", "Balancer replicas whose last attempt got no answer: tried after the others.");
        _storeCalls = meter.CreateHistogram<double>(
            "charge.idempotency.store.duration", "s", "Calls to the shared idempotency store by operation (claim, count, read, remember, release, ping) and result (ok, failed).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        _requests = meter
            .CreateCounter<long>("charge.requests", "{request}", "Charging requests by outcome: admitted, grid_full, no_substation_reachable, balancer_unreachable, invalid, replayed, conflict, in_progress, store_unavailable.");
    }

    /// <summary>Counts one request.</summary>
    public void Request(string outcome) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Records one call to the shared idempotency store.</summary>
    public void StoreCall(string operation, TimeSpan duration, bool failed = false) =>
        _storeCalls.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("result", failed ? "failed" : "ok"));

    /// <summary>Counts one request sent on to another balancer replica.</summary>
    public void Failover() => _failovers.Add(1);

    /// <summary>A balancer replica stopped answering (+1) or answers again (-1).</summary>
    public void ReplicaUnanswering(bool unanswering) => _unanswering.Add(unanswering ? 1 : -1);

    /// <summary>Counts a request to stop charging by outcome.</summary>
    public void Cancellation(string outcome) => _cancellations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
