using GridAspire.Substation.Configuration;
using GridAspire.Substation.Diagnostics;
using Microsoft.Extensions.Options;

namespace GridAspire.Substation.Charging;

/// <summary>
/// The substation's sessions and the power they draw. In <c>Fixed</c> mode a session is admitted only while its full
/// power fits and then draws exactly that; in <c>Shared</c> mode it is admitted while its minimum fits beside the
/// minimums already promised, and the capacity is re-shared (<see cref="PowerAllocation"/>) whenever a session starts or
/// ends. Either way the sum of the powers never exceeds the capacity. Time is simulated lazily against the injected
/// clock whenever anything looks: sessions charge at their power, each that completes frees its power at that instant,
/// which is re-shared there. There is no timer to race.
/// </summary>
/// <remarks>
/// Sessions with one demand always draw the same power, so they are kept as one <see cref="DemandGroup"/> with one energy
/// clock: an admission, a completion or a cancellation costs O(log n) in the n sessions plus O(k log k) in the k distinct
/// demands (a handful of charger powers in practice), never a pass over every session.
/// </remarks>
public sealed class ChargingSessions
{
    private const double Tolerance = 1e-9;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ActiveSession> _active = new(StringComparer.Ordinal);
    private readonly DemandGroups _groups;
    private readonly Dictionary<string, ChargingSession> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private List<ChargingSession>? _endedUnlogged; // under the lock; logged once it is released
    private readonly SubstationOptions _options;
    private readonly double _speed;
    private readonly TimeProvider _time;
    private readonly SubstationMetrics _metrics;
    private readonly ILogger<ChargingSessions> _logger;
    private DateTimeOffset _asOf;
    private AllocationMode _allocation;
    private double _peakKw;
    private SubstationReadings _readings = null!;

    /// <summary>Creates an empty substation.</summary>
    public ChargingSessions(
        IOptions<SubstationOptions> options,
        IOptions<SimulationOptions> simulation,
        TimeProvider time,
        SubstationMetrics metrics,
        ILogger<ChargingSessions> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(metrics);
        _options = options.Value;
        _speed = simulation.Value.Speed;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _asOf = time.GetUtcNow();
        _allocation = _options.Allocation;
        _groups = new DemandGroups(_options.CapacityKw);
        Publish();
        metrics.Observe(Readings);
    }

    /// <summary>This substation's id.</summary>
    public string SubstationId => _options.Id;

    /// <summary>Capacity in kW.</summary>
    public double CapacityKw => _options.CapacityKw;

    /// <summary>How power is given now: <c>Fixed</c> or <c>Shared</c>.</summary>
    public AllocationMode Allocation
    {
        get
        {
            lock (_gate)
            {
                return _allocation;
            }
        }
    }

    /// <summary>
    /// Switches how power is given, for a comparison of the two on one grid. Only while no vehicle charges (false
    /// otherwise): a session keeps the promise it was admitted with. Starts a new peak.
    /// </summary>
    public bool TrySwitchAllocation(AllocationMode allocation)
    {
        return AdvancedTo(_time.GetUtcNow(), () =>
        {
            if (_active.Count > 0)
            {
                return false;
            }

            _allocation = allocation;
            _peakKw = 0;
            Publish();
            return true;
        });
    }

    /// <summary>
    /// Admits the vehicle if it fits (its full <paramref name="maxKw"/> in <c>Fixed</c> mode, its minimum in <c>Shared</c>
    /// mode: <paramref name="minKw"/>, or the configured default, capped at <paramref name="maxKw"/>), otherwise refuses it.
    /// </summary>
    public Admission TryAdmit(string vehicleId, double requestedKwh, double maxKw, double? minKw = null, bool priority = false)
    {
        var now = _time.GetUtcNow();
        var (admission, min, promised) = AdvancedTo(now, () =>
        {
            var needed = _allocation == AllocationMode.Fixed ? maxKw : Math.Min(minKw ?? _options.DefaultMinKw, maxKw);
            var already = Promised();
            if (already + needed > _options.CapacityKw + Tolerance)
            {
                _metrics.Rejected();
                return (new Admission(null, CurrentLoad(), _options.CapacityKw), needed, already);
            }

            var id = $"{_options.Id}.{Guid.NewGuid():N}";
            var (group, fullAt) = _groups.Join(new PowerDemand(needed, maxKw, priority), id, requestedKwh);
            var active = new ActiveSession(new ChargingSession(id, vehicleId, needed, maxKw, priority, requestedKwh, now), group, fullAt);
            _active[id] = active;
            Reallocate();
            _metrics.Admitted();
            return (new Admission(Snapshot(active), CurrentLoad(), _options.CapacityKw), needed, already);
        });

        if (admission.Session is { } session)
        {
            SubstationLog.Admitted(_logger, session.SessionId, vehicleId, session.Kw, session.ExpectedEndUtc, admission.LoadKw, admission.CapacityKw);
        }
        else
        {
            SubstationLog.Rejected(_logger, vehicleId, min, promised, admission.CapacityKw);
        }

        return admission;
    }

    /// <summary>The session, active or recently ended; null when unknown.</summary>
    public SessionView? Find(string sessionId)
    {
        return AdvancedTo(_time.GetUtcNow(), () =>
            SessionView.Of(_active.TryGetValue(sessionId, out var active) ? Snapshot(active) : _ended.GetValueOrDefault(sessionId), _options.Id));
    }

    /// <summary>The vehicle leaves: its session ends now and its power is re-shared. Ending an ended session changes nothing.</summary>
    public SessionView? Cancel(string sessionId)
    {
        var now = _time.GetUtcNow();
        return AdvancedTo(now, () =>
        {
            if (_active.TryGetValue(sessionId, out var active))
            {
                End(active, Snapshot(active) with { EndedUtc = now, Cancelled = true, Kw = 0 });
                Reallocate();
            }

            return SessionView.Of(_ended.GetValueOrDefault(sessionId), _options.Id);
        });
    }

    /// <summary>
    /// The state as the gauges show it: what was last published, after ending the sessions whose energy has been
    /// delivered since (the only change time makes by itself). Costs nothing while no session has ended.
    /// </summary>
    public SubstationReadings Readings()
    {
        var now = _time.GetUtcNow();
        if (Volatile.Read(ref _readings).NextEndUtc is { } end && end <= now)
        {
            AdvancedTo(now, () => true);
        }

        return Volatile.Read(ref _readings);
    }

    /// <summary>The load now, after ending every session whose energy has been delivered.</summary>
    public LoadReading Load()
    {
        return AdvancedTo(_time.GetUtcNow(), () =>
            new LoadReading(CurrentLoad(), _options.CapacityKw, _active.Count, NextEnd(), Promised(), _groups.Throttled));
    }

    // Under the lock: simulates up to `now`, then runs `change`. The sessions that ended meanwhile are logged once the lock
    // is released: a log line is formatted and written, which is no work for the lock every request waits on.
    private T AdvancedTo<T>(DateTimeOffset now, Func<T> change)
    {
        T result;
        List<ChargingSession>? ended;
        lock (_gate)
        {
            Advance(now);
            result = change();
            (ended, _endedUnlogged) = (_endedUnlogged, null);
        }

        foreach (var session in ended ?? [])
        {
            var simulated = (session.EndedUtc!.Value - session.StartedUtc) * _speed;
            SubstationLog.Ended(_logger, session.SessionId, session.Cancelled ? "vehicle left" : "energy delivered", simulated.TotalMinutes);
        }

        return result;
    }

    // Simulates up to `now`: everyone charges at their power; at each completion the finished sessions end and the
    // capacity is re-shared among the others from that instant.
    private void Advance(DateTimeOffset now)
    {
        while (NextEnd() is { } next && next <= now)
        {
            Charge(next);
            foreach (var group in _groups.All)
            {
                while (group.NextFull is { } member && EndOf(group, member.FullAt) <= next)
                {
                    var done = _active[member.SessionId];
                    _metrics.EnergyDelivered(done.Session.RequestedKwh - done.DeliveredKwh);
                    _metrics.TimeToFull((next - done.Session.StartedUtc) * _speed);
                    End(done, done.Session with { DeliveredKwh = done.Session.RequestedKwh, EndedUtc = next, Kw = 0 });
                }
            }

            Reallocate();
        }

        Charge(now);
    }

    // Every session draws its power from _asOf to `until`; nobody passes full on the way, as `until` is at most the next end.
    private void Charge(DateTimeOffset until)
    {
        var hours = (until - _asOf).TotalHours * _speed;
        if (hours > 0)
        {
            _metrics.EnergyDelivered(_groups.Charge(hours));
            _asOf = until;
        }
    }

    private void Reallocate()
    {
        _groups.Reallocate();
        Publish();
    }

    private void End(ActiveSession active, ChargingSession ended)
    {
        active.Group.Leave(ended.SessionId, active.FullAt);
        _active.Remove(ended.SessionId);
        _ended[ended.SessionId] = ended;
        _endedOrder.Enqueue(ended.SessionId);
        while (_endedOrder.Count > _options.EndedSessionsKept)
        {
            _ended.Remove(_endedOrder.Dequeue());
        }

        _metrics.SessionEnded((ended.EndedUtc!.Value - ended.StartedUtc) * _speed);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            (_endedUnlogged ??= []).Add(ended);
        }
    }

    // When a member with this mark will be full at its group's power now; never, in practice, for a power near zero.
    private DateTimeOffset EndOf(DemandGroup group, double fullAt) => After(group.HoursUntil(fullAt));

    private DateTimeOffset After(double simulatedHours) => _asOf + TimeSpan.FromHours(Math.Min(simulatedHours / _speed, 1e6));

    private ChargingSession Snapshot(ActiveSession active) =>
        active.Session with { Kw = active.Group.Kw, DeliveredKwh = active.DeliveredKwh, ExpectedEndUtc = EndOf(active.Group, active.FullAt) };

    private double CurrentLoad() => _groups.LoadKw;

    private double Promised() => _groups.PromisedKw;

    private DateTimeOffset? NextEnd() => _groups.HoursUntilNextFull() is { } hours ? After(hours) : null;

    private void Publish()
    {
        var load = CurrentLoad();
        if (load > _options.CapacityKw + Tolerance)
        {
            _metrics.CapacityExceeded(); // never expected: the allocation and admission make it impossible
        }

        _peakKw = Math.Max(_peakKw, load);
        var shared = _allocation == AllocationMode.Shared;
        var priorityKw = _groups.PriorityKw;
        Volatile.Write(ref _readings, new SubstationReadings(
            load,
            _options.CapacityKw,
            _active.Count,
            Promised(),
            _groups.Throttled,
            priorityKw,
            load - priorityKw,
            shared ? _options.DefaultMinKw : 0,
            shared ? NextSessionKw() : 0,
            _peakKw,
            NextEnd()));
    }

    /// <summary>What one more standard vehicle with no maximum would be given now, if its default minimum fits (0 if not).</summary>
    private double NextSessionKw()
    {
        if (Promised() + _options.DefaultMinKw > _options.CapacityKw + Tolerance)
        {
            return 0;
        }

        return _groups.PowerFor(new PowerDemand(_options.DefaultMinKw, _options.CapacityKw, false));
    }
}
