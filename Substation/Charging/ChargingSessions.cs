using GridAspire.Substation.Configuration;
using GridAspire.Substation.Diagnostics;
using Microsoft.Extensions.Options;

namespace GridAspire.Substation.Charging;

/// <summary>
/// The substation's sessions and the power they draw. A session is admitted only while the load plus its power
/// fits the capacity; it ends by itself once its energy is delivered. Ending is evaluated lazily, against the
/// injected clock, whenever anything looks at the load, so there is no timer to race.
/// </summary>
public sealed class ChargingSessions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChargingSession> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChargingSession> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private readonly SubstationOptions _options;
    private readonly double _speed;
    private readonly TimeProvider _time;
    private readonly SubstationMetrics _metrics;
    private readonly ILogger<ChargingSessions> _logger;

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
        metrics.CapacityKw.Set(_options.CapacityKw);
        metrics.Registry.AddBeforeCollectCallback(() => Load());
    }

    /// <summary>This substation's id.</summary>
    public string SubstationId => _options.Id;

    /// <summary>Capacity in kW.</summary>
    public double CapacityKw => _options.CapacityKw;

    /// <summary>Admits the vehicle at <paramref name="maxKw"/> if that fits, otherwise refuses it.</summary>
    public Admission TryAdmit(string vehicleId, double requestedKwh, double maxKw)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            EndDue(now);
            var load = CurrentLoad();
            if (load + maxKw > _options.CapacityKw + 1e-9)
            {
                _metrics.Rejected.Inc();
                SubstationLog.Rejected(_logger, vehicleId, maxKw, load, _options.CapacityKw);
                return new Admission(null, load, _options.CapacityKw);
            }

            var duration = TimeSpan.FromHours(requestedKwh / maxKw / _speed);
            var session = new ChargingSession($"{_options.Id}.{Guid.NewGuid():N}", vehicleId, maxKw, requestedKwh, now, now + duration);
            _active[session.SessionId] = session;
            _metrics.Admitted.Inc();
            Publish();
            SubstationLog.Admitted(_logger, session.SessionId, vehicleId, maxKw, session.ExpectedEndUtc, load + maxKw, _options.CapacityKw);
            return new Admission(session, load + maxKw, _options.CapacityKw);
        }
    }

    /// <summary>The session, active or recently ended; null when unknown.</summary>
    public SessionView? Find(string sessionId)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            EndDue(now);
            return View(_active.GetValueOrDefault(sessionId) ?? _ended.GetValueOrDefault(sessionId), now);
        }
    }

    /// <summary>The vehicle leaves: its session ends now. Ending an ended session changes nothing.</summary>
    public SessionView? Cancel(string sessionId)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            EndDue(now);
            if (_active.TryGetValue(sessionId, out var session))
            {
                End(session with { EndedUtc = now, Cancelled = true });
            }

            return View(_ended.GetValueOrDefault(sessionId), now);
        }
    }

    /// <summary>The load now, after ending every session whose energy has been delivered.</summary>
    public LoadReading Load()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            EndDue(now);
            return new LoadReading(CurrentLoad(), _options.CapacityKw, _active.Count, NextEnd());
        }
    }

    private void EndDue(DateTimeOffset now)
    {
        foreach (var due in _active.Values.Where(s => s.ExpectedEndUtc <= now).ToList())
        {
            End(due with { EndedUtc = due.ExpectedEndUtc });
        }
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
        _metrics.SessionDuration.Observe(simulated.TotalSeconds);
        SubstationLog.Ended(_logger, session.SessionId, session.Cancelled ? "vehicle left" : "energy delivered", simulated.TotalMinutes);
        Publish();
    }

    private double CurrentLoad() => _active.Values.Sum(s => s.Kw);

    private DateTimeOffset? NextEnd() => _active.Count == 0 ? null : _active.Values.Min(s => s.ExpectedEndUtc);

    private void Publish()
    {
        _metrics.LoadKw.Set(CurrentLoad());
        _metrics.ActiveSessions.Set(_active.Count);
    }

    private SessionView? View(ChargingSession? session, DateTimeOffset now)
    {
        if (session is null)
        {
            return null;
        }

        var until = session.EndedUtc ?? now;
        var delivered = Math.Min(session.RequestedKwh, session.Kw * (until - session.StartedUtc).TotalHours * _speed);
        var state = session.EndedUtc is null ? "charging" : session.Cancelled ? "cancelled" : "completed";
        return new SessionView(
            session.SessionId, _options.Id, session.VehicleId, session.Kw, session.RequestedKwh, Math.Round(delivered, 3),
            session.StartedUtc, session.ExpectedEndUtc, state);
    }
}
