namespace GridAspire.Substation.Charging;

/// <summary>
/// A substation's sessions as groups of equal demand, and the capacity shared among them (<see cref="PowerAllocation"/>).
/// Every figure here costs O(k) in the k distinct demands, never a pass over the sessions. Time is in simulated hours.
/// </summary>
/// <param name="capacityKw">The capacity shared.</param>
internal sealed class DemandGroups(double capacityKw)
{
    private readonly Dictionary<PowerDemand, DemandGroup> _groups = [];

    /// <summary>The groups with at least one session, after the last <see cref="Reallocate"/>.</summary>
    public IEnumerable<DemandGroup> All => _groups.Values;

    /// <summary>Power drawn.</summary>
    public double LoadKw => _groups.Values.Sum(g => g.Count * g.Kw);

    /// <summary>Power drawn by priority sessions.</summary>
    public double PriorityKw => _groups.Values.Where(g => g.Demand.Priority).Sum(g => g.Count * g.Kw);

    /// <summary>The minimums promised.</summary>
    public double PromisedKw => _groups.Values.Sum(g => g.Count * g.Demand.MinKw);

    /// <summary>Sessions drawing less than their vehicle's maximum.</summary>
    public int Throttled => _groups.Values.Where(g => g.Kw < g.Demand.MaxKw - 1e-6).Sum(g => g.Count);

    /// <summary>A session joins the group of its demand; call <see cref="Reallocate"/> once the change is complete.</summary>
    public (DemandGroup Group, double FullAt) Join(PowerDemand demand, string sessionId, double requestedKwh)
    {
        if (!_groups.TryGetValue(demand, out var group))
        {
            _groups[demand] = group = new DemandGroup(demand);
        }

        return (group, group.Join(sessionId, requestedKwh));
    }

    /// <summary>Every session draws its power for <paramref name="hours"/>; returns the energy drawn, in kWh.</summary>
    public double Charge(double hours)
    {
        var delivered = 0.0;
        foreach (var group in _groups.Values)
        {
            group.Charge(hours);
            delivered += group.Count * group.Kw * hours;
        }

        return delivered;
    }

    /// <summary>Hours until the first session is full at the current powers; null when there is none.</summary>
    public double? HoursUntilNextFull()
    {
        double? first = null;
        foreach (var group in _groups.Values)
        {
            if (group.NextFull is { } member && group.HoursUntil(member.FullAt) is var hours && (first is null || hours < first))
            {
                first = hours;
            }
        }

        return first;
    }

    /// <summary>Shares the capacity again after sessions joined or left.</summary>
    public void Reallocate()
    {
        foreach (var (demand, group) in _groups)
        {
            if (group.Count == 0)
            {
                _groups.Remove(demand);
            }
        }

        var groups = _groups.Values.ToArray();
        var kw = PowerAllocation.Allocate(capacityKw, [.. groups.Select(g => g.Demand)], [.. groups.Select(g => g.Count)]);
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i].Kw = kw[i];
        }
    }

    /// <summary>What one more session with <paramref name="demand"/> would be given now (without admitting it).</summary>
    public double PowerFor(PowerDemand demand)
    {
        var groups = _groups.Values.ToList();
        PowerDemand[] demands = [.. groups.Select(g => g.Demand), demand];
        int[] counts = [.. groups.Select(g => g.Count), 1];
        return PowerAllocation.Allocate(capacityKw, demands, counts)[^1];
    }
}
