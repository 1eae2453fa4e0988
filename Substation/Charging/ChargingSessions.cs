using GridAspire.Contracts.Charging;
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
public sealed class ChargingSessions
{
    private const double Tolerance = 1e-9;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChargingSession> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChargingSession> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
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
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Advance(now);
            if (_active.Count > 0)
            {
                return false;
            }

            _allocation = allocation;
            _peakKw = 0;
            Publish();
            return true;
        }
    }

    /// <summary>
    /// Admits the vehicle if it fits (its full <paramref name="maxKw"/> in <c>Fixed</c> mode, its minimum in <c>Shared</c>
    /// mode: <paramref name="minKw"/>, or the configured default, capped at <paramref name="maxKw"/>), otherwise refuses it.
    /// </summary>
    public Admission TryAdmit(string vehicleId, double requestedKwh, double maxKw, double? minKw = null, bool priority = false)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var min = _allocation == AllocationMode.Fixed ? maxKw : Math.Min(minKw ?? _options.DefaultMinKw, maxKw);
            Advance(now);
            var promised = Promised();
            if (promised + min > _options.CapacityKw + Tolerance)
            {
                _metrics.Rejected();
                SubstationLog.Rejected(_logger, vehicleId, min, promised, _options.CapacityKw);
                return new Admission(null, CurrentLoad(), _options.CapacityKw);
            }

            var id = $"{_options.Id}.{Guid.NewGuid():N}";
            _active[id] = new ChargingSession(id, vehicleId, min, maxKw, priority, requestedKwh, now) { ExpectedEndUtc = now };
            Reallocate(now);
            var session = _active[id];
            _metrics.Admitted();
            SubstationLog.Admitted(_logger, session.SessionId, vehicleId, session.Kw, session.ExpectedEndUtc, CurrentLoad(), _options.CapacityKw);
            return new Admission(session, CurrentLoad(), _options.CapacityKw);
        }
    }

    /// <summary>The session, active or recently ended; null when unknown.</summary>
    public SessionView? Find(string sessionId)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Advance(now);
            return View(_active.GetValueOrDefault(sessionId) ?? _ended.GetValueOrDefault(sessionId));
        }
    }

    /// <summary>The vehicle leaves: its session ends now and its power is re-shared. Ending an ended session changes nothing.</summary>
    public SessionView? Cancel(string sessionId)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Advance(now);
            if (_active.TryGetValue(sessionId, out var session))
            {
                End(session with { EndedUtc = now, Cancelled = true, Kw = 0 });
                Reallocate(now);
            }

            return View(_ended.GetValueOrDefault(sessionId));
        }
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
            lock (_gate)
            {
                Advance(now);
            }
        }

        return Volatile.Read(ref _readings);
    }

    /// <summary>The load now, after ending every session whose energy has been delivered.</summary>
    public LoadReading Load()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Advance(now);
            return new LoadReading(
                CurrentLoad(), _options.CapacityKw, _active.Count, NextEnd(), Promised(), _active.Values.Count(s => s.Kw < s.MaxKw - 1e-6));
        }
    }

    // Simulates up to `now`: everyone charges at their power; at each completion the finished sessions end and the
    // capacity is re-shared among the others from that instant.
    private void Advance(DateTimeOffset now)
    {
        while (_active.Count > 0)
        {
            var next = NextEnd()!.Value;
            if (next > now)
            {
                break;
            }

            Charge(next);
            foreach (var done in _active.Values.Where(s => s.ExpectedEndUtc <= next).ToList())
            {
                _metrics.EnergyDelivered(done.RemainingKwh);
                _metrics.TimeToFull((next - done.StartedUtc) * _speed);
                End(done with { DeliveredKwh = done.RequestedKwh, EndedUtc = next, Kw = 0 });
            }

            Reallocate(next);
        }

        Charge(now);
    }

    // Adds the energy each session drew from _asOf to `until` at its current power.
    private void Charge(DateTimeOffset until)
    {
        var hours = (until - _asOf).TotalHours * _speed;
        if (hours <= 0)
        {
            return;
        }

        var delivered = 0.0;
        foreach (var session in _active.Values.ToList())
        {
            var now = Math.Min(session.RequestedKwh, session.DeliveredKwh + (session.Kw * hours));
            delivered += now - session.DeliveredKwh;
            _active[session.SessionId] = session with { DeliveredKwh = now };
        }

        _metrics.EnergyDelivered(delivered);

        _asOf = until;
    }

    // Shares the capacity at `at` (sessions in the order they started) and moves each expected end with its power.
    private void Reallocate(DateTimeOffset at)
    {
        var sessions = _active.Values.OrderBy(s => s.StartedUtc).ThenBy(s => s.SessionId, StringComparer.Ordinal).ToList();
        var kw = PowerAllocation.Allocate(_options.CapacityKw, [.. sessions.Select(s => s.Demand)]);
        for (var i = 0; i < sessions.Count; i++)
        {
            var hours = sessions[i].RemainingKwh / (kw[i] * _speed);
            _active[sessions[i].SessionId] = sessions[i] with { Kw = kw[i], ExpectedEndUtc = at + TimeSpan.FromHours(Math.Min(hours, 1e6)) };
        }

        Publish();
    }

    private void End(ChargingSession session)
    {
        _active.Remove(session.SessionId);
        _ended[session.SessionId] = session;
        _endedOrder.Enqueue(session.SessionId);
        while (_endedOrder.Count > _options.EndedSessionsKept)
        {
            _ended.Remove(_endedOrder.Dequeue());
        }

        var simulated = (session.EndedUtc!.Value - session.StartedUtc) * _speed;
        _metrics.SessionEnded(simulated);
        SubstationLog.Ended(_logger, session.SessionId, session.Cancelled ? "vehicle left" : "energy delivered", simulated.TotalMinutes);
        Publish();
    }

    private double CurrentLoad() => _active.Values.Sum(s => s.Kw);

    private double Promised() => _active.Values.Sum(s => s.MinKw);

    private DateTimeOffset? NextEnd() => _active.Count == 0 ? null : _active.Values.Min(s => s.ExpectedEndUtc);

    private void Publish()
    {
        var load = CurrentLoad();
        if (load > _options.CapacityKw + Tolerance)
        {
            _metrics.CapacityExceeded(); // never expected: the allocation and admission make it impossible
        }

        _peakKw = Math.Max(_peakKw, load);
        var shared = _allocation == AllocationMode.Shared;
        var priorityKw = _active.Values.Where(s => s.Priority).Sum(s => s.Kw);
        Volatile.Write(ref _readings, new SubstationReadings(
            load,
            _options.CapacityKw,
            _active.Count,
            Promised(),
            _active.Values.Count(s => s.Kw < s.MaxKw - 1e-6),
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

        var demands = _active.Values.Select(s => s.Demand).Append(new PowerDemand(_options.DefaultMinKw, _options.CapacityKw, false)).ToList();
        return PowerAllocation.Allocate(_options.CapacityKw, demands)[^1];
    }

    private SessionView? View(ChargingSession? session)
    {
        if (session is null)
        {
            return null;
        }

        var state = session.EndedUtc is null ? "charging" : session.Cancelled ? "cancelled" : "completed";
        return new SessionView(
            session.SessionId, _options.Id, session.VehicleId, Math.Round(session.Kw, 3), session.RequestedKwh, Math.Round(session.DeliveredKwh, 3),
            session.StartedUtc, session.EndedUtc ?? session.ExpectedEndUtc, state)
        {
            MinKw = session.MinKw,
            MaxKw = session.MaxKw,
            Priority = session.Priority ? ChargingPriority.Priority : ChargingPriority.Standard,
        };
    }
}
