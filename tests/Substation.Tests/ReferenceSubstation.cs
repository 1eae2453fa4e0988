using GridAspire.Substation.Charging;

namespace GridAspire.Substation.Tests;

/// <summary>
/// The simplest possible substation to check the real one against: every session kept on its own, the capacity
/// re-shared over all of them (<see cref="PowerAllocation"/>, one demand per session) at every event, time stepped from
/// completion to completion in simulated hours. Slow on purpose: nothing grouped, nothing incremental.
/// </summary>
internal sealed class ReferenceSubstation(double capacityKw)
{
    private readonly List<Session> _active = [];
    private readonly Dictionary<string, Session> _all = [];

    public double PromisedKw => _active.Sum(s => s.Demand.MinKw);

    public bool TryAdmit(string id, PowerDemand demand, double requestedKwh)
    {
        if (PromisedKw + demand.MinKw > capacityKw + 1e-9)
        {
            return false;
        }

        var session = new Session(id, demand, requestedKwh);
        _active.Add(session);
        _all[id] = session;
        return true;
    }

    public void Cancel(string id)
    {
        if (_all.TryGetValue(id, out var session) && _active.Remove(session))
        {
            session.State = "cancelled";
        }
    }

    /// <summary>Lets <paramref name="hours"/> pass, ending sessions as they fill.</summary>
    public void Advance(double hours)
    {
        while (hours > 0 && _active.Count > 0)
        {
            var kw = Powers();
            var step = Math.Min(hours, _active.Select((s, i) => (s.RequestedKwh - s.DeliveredKwh) / kw[i]).Min());
            for (var i = 0; i < _active.Count; i++)
            {
                _active[i].DeliveredKwh = Math.Min(_active[i].RequestedKwh, _active[i].DeliveredKwh + (kw[i] * step));
            }

            foreach (var full in _active.Where(s => s.RequestedKwh - s.DeliveredKwh <= 1e-9).ToList())
            {
                full.State = "completed";
                full.DeliveredKwh = full.RequestedKwh;
                _active.Remove(full);
            }

            hours -= step;
        }
    }

    /// <summary>(state, power now, energy delivered) of a session.</summary>
    public (string State, double Kw, double DeliveredKwh) Look(string id)
    {
        var session = _all[id];
        var index = _active.IndexOf(session);
        return (session.State, index < 0 ? 0 : Powers()[index], session.DeliveredKwh);
    }

    private double[] Powers() => PowerAllocation.Allocate(capacityKw, [.. _active.Select(s => s.Demand)]);

    private sealed class Session(string id, PowerDemand demand, double requestedKwh)
    {
        public string Id => id;

        public PowerDemand Demand => demand;

        public double RequestedKwh => requestedKwh;

        public double DeliveredKwh { get; set; }

        public string State { get; set; } = "charging";
    }
}
