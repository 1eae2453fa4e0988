using System.Globalization;
using System.Text;
using GridAspire.Balancer.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.LoadBalancing;

/// <summary>
/// The balancer's view of every substation's load. A poll gives the truth as of that moment; between polls the
/// estimate adds everything this balancer has routed there since (in flight, then admitted), and a newer load
/// piggybacked on a substation's response replaces the base. Counting what was sent since the last poll is what
/// keeps a burst between two polls from herding onto the substation that looked emptiest. Sessions this balancer
/// placed stop counting at their expected end, also when they were already in the base: otherwise a slow poll would
/// leave the estimate too high and vehicles that fit would be refused. Choosing a destination and reserving the
/// request's power on it are one step under one lock (<see cref="Place"/>): two concurrent requests can never both
/// take the room they saw before either reserved it.
/// </summary>
public sealed class LoadTracker(TimeProvider time, IOptionsMonitor<BalancerOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TrackedDestination> _destinations = new(StringComparer.Ordinal);
    private TrackedDestination[] _ordered = [];
    private LoadEstimate[] _candidates = [];

    /// <summary>Replaces the set of destinations; new ones are unhealthy until their first successful poll.</summary>
    public void SetDestinations(IReadOnlyDictionary<string, Uri> destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        lock (_gate)
        {
            foreach (var gone in _destinations.Keys.Except(destinations.Keys).ToList())
            {
                _destinations.Remove(gone);
            }

            foreach (var (id, address) in destinations)
            {
                if (_destinations.TryGetValue(id, out var existing))
                {
                    existing.Address = address;
                }
                else
                {
                    _destinations[id] = new TrackedDestination(id, address);
                }
            }

            _ordered = [.. _destinations.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];
            _candidates = new LoadEstimate[_ordered.Length];
        }
    }

    /// <summary>Destinations to poll.</summary>
    public IReadOnlyDictionary<string, Uri> Addresses()
    {
        lock (_gate)
        {
            return _destinations.ToDictionary(d => d.Key, d => d.Value.Address);
        }
    }

    /// <summary>
    /// Chooses a destination for <paramref name="demand"/> with <paramref name="policy"/> among the healthy ones not in
    /// <paramref name="tried"/>, and reserves what the request claims there (<see cref="ChargeDemand.ClaimAt"/>) on it,
    /// in one step. Allocates nothing unless
    /// <paramref name="describe"/> asks for the figures compared (for the request's span).
    /// </summary>
    public PlacementResult Place(ChargeDemand demand, IPlacementPolicy policy, IReadOnlyList<string>? tried = null, bool describe = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = time.GetTimestamp();
        lock (_gate)
        {
            var count = 0;
            foreach (var d in _ordered)
            {
                if (d.Healthy && (tried is null || !tried.Contains(d.Id)))
                {
                    _candidates[count++] = EstimateOf(d, now);
                }
            }

            if (count == 0)
            {
                return new PlacementResult(PlacementOutcome.NoneReachable, null, null);
            }

            var candidates = _candidates.AsSpan(0, count);
            var chosen = policy.Pick(candidates, demand);
            var loads = describe ? LoadsText(candidates, demand) : null;
            if (chosen < 0)
            {
                return new PlacementResult(PlacementOutcome.Full, null, loads);
            }

            var destination = _destinations[candidates[chosen].DestinationId];
            var claim = demand.ClaimAt(candidates[chosen]);
            destination.Reserve(claim);
            return new PlacementResult(PlacementOutcome.Placed, destination.Id, loads, claim);
        }
    }

    /// <summary>
    /// A successful poll: the base is reset to the truth and the destination is healthy. <paramref name="sharing"/> is
    /// set when the substation shares its power: the base is then the minimums it promised, not its load.
    /// </summary>
    public void RecordPoll(string id, double loadKw, double capacityKw, string? substationId, PowerSharing? sharing = null)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (_destinations.TryGetValue(id, out var d))
            {
                d.Polled(loadKw, capacityKw, substationId, sharing, now);
            }
        }
    }

    /// <summary>
    /// A failed poll (active health) or a failed forward (passive health): unhealthy until a poll succeeds. Returns
    /// true when it was healthy until now, so the caller logs the change once.
    /// </summary>
    public bool MarkUnhealthy(string id)
    {
        lock (_gate)
        {
            return _destinations.TryGetValue(id, out var d) && d.MarkUnhealthy();
        }
    }

    /// <summary>True when the destination may receive requests.</summary>
    public bool IsHealthy(string id)
    {
        lock (_gate)
        {
            return _destinations.TryGetValue(id, out var d) && d.Healthy;
        }
    }

    /// <summary>
    /// The request placed on <paramref name="id"/> finished: its reservation is released. If the substation reported
    /// its load, that becomes the base (it already includes this admission); otherwise an admission is added to the
    /// estimate until the next poll reconciles it.
    /// </summary>
    public void Complete(string id, double kw, bool admitted, double? reportedLoadKw, DateTimeOffset? expectedEndUtc = null)
    {
        var now = time.GetTimestamp();
        var endsAt = expectedEndUtc is { } end
            ? now + (long)((end - time.GetUtcNow()).TotalSeconds * time.TimestampFrequency)
            : long.MaxValue;
        lock (_gate)
        {
            if (_destinations.TryGetValue(id, out var d))
            {
                d.Completed(kw, admitted, reportedLoadKw, endsAt, now);
            }
        }
    }

    /// <summary>A substation reported its load on a response outside admission (a look-up, a cancellation): the new base.</summary>
    public void RecordReportedLoad(string id, double loadKw)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (_destinations.TryGetValue(id, out var d))
            {
                d.Rebase(loadKw, now);
            }
        }
    }

    /// <summary>The address of destination <paramref name="id"/>; null when unknown.</summary>
    public Uri? AddressOf(string id)
    {
        lock (_gate)
        {
            return _destinations.TryGetValue(id, out var d) ? d.Address : null;
        }
    }

    /// <summary>The estimate for one destination; null when unknown.</summary>
    public LoadEstimate? Estimate(string id)
    {
        lock (_gate)
        {
            return _destinations.TryGetValue(id, out var d) ? EstimateOf(d, time.GetTimestamp()) : null;
        }
    }

    /// <summary>Every destination's estimate, by id.</summary>
    public IReadOnlyList<LoadEstimate> All()
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            return [.. _ordered.Select(d => EstimateOf(d, now))];
        }
    }

    /// <summary>The destination serving substation <paramref name="substationId"/>, learnt from polls.</summary>
    public string? DestinationOf(string substationId)
    {
        lock (_gate)
        {
            return _ordered.FirstOrDefault(d => d.SubstationId == substationId)?.Id;
        }
    }

    private static string LoadsText(ReadOnlySpan<LoadEstimate> candidates, ChargeDemand demand)
    {
        var text = new StringBuilder();
        foreach (var e in candidates)
        {
            text.Append(text.Length > 0 ? ", " : "").Append(CultureInfo.InvariantCulture,
                $"{e.DestinationId}={e.EstimatedLoadKw:0.#}/{e.CapacityKw:0.#}{(e.SlowStartFactor < 1 ? " slow start" : "")}");
            if (e.DefaultMinKw is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" promised, {demand.PowerAt(e):0.#} kW for this vehicle");
            }
        }

        return text.ToString();
    }

    private LoadEstimate EstimateOf(TrackedDestination d, long now)
    {
        var slowStart = options.CurrentValue.SlowStart;
        var sinceRecovery = d.RecoveredAt is { } r ? time.GetElapsedTime(r, now) : TimeSpan.Zero;
        var factor = d.RecoveredAt is null || slowStart <= TimeSpan.Zero || sinceRecovery >= slowStart
            ? 1.0
            : Math.Max(0.1, sinceRecovery / slowStart);
        return new LoadEstimate(
            d.Id,
            d.Address,
            d.SubstationId,
            d.PolledLoadKw,
            d.EstimatedLoadKw(now),
            d.CapacityKw,
            d.PolledAt is { } p ? time.GetElapsedTime(p, now) : null,
            d.Healthy,
            factor,
            d.RequestsRouted,
            d.InFlightRequests,
            d.Sharing?.DefaultMinKw,
            d.Sharing is { } sharing ? d.NextSessionKw(sharing, now) : 0);
    }
}
