using System.Diagnostics.Metrics;
using GridAspire.Contracts.Charging;
using GridAspire.Substation.Booking;
using GridAspire.Substation.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.Substation.Diagnostics;

/// <summary>
/// The substation's metrics (meter <see cref="MeterName"/>), every series labelled with its id: power in watts and
/// energy in joules (Prometheus' base units; <c>substation_load_watts</c>, ...), events as counters, and its state as
/// gauges read from the last <see cref="SubstationReadings"/> it published. The balancer places vehicles by some of them
/// (<see cref="SubstationMetricNames"/>).
/// </summary>
public sealed class SubstationMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "GridAspire.Substation";

    private const double WattsPerKw = 1000;
    private const double JoulesPerKwh = 3.6e6;
    private readonly Meter _meter;
    private readonly KeyValuePair<string, object?> _substation;
    private readonly Counter<long> _admitted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _deadlinePassed;
    private readonly Counter<long> _capacityExceeded;
    private readonly Counter<long> _bookings;
    private readonly Counter<long> _fences;
    private readonly Counter<double> _energy;
    private readonly Histogram<double> _timeToFull;
    private readonly Histogram<double> _sessionDuration;

    /// <summary>Creates the instruments of the substation <see cref="SubstationOptions.Id"/>.</summary>
    public SubstationMetrics(IMeterFactory meterFactory, IOptions<SubstationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        _meter = meterFactory.Create(MeterName);
        _substation = new(SubstationMetricNames.SubstationLabel, options.Value.Id);
        _admitted = _meter.CreateCounter<long>("substation.sessions.admitted", "{session}", "Charging sessions admitted.");
        _rejected = _meter.CreateCounter<long>("substation.sessions.rejected", "{request}", "Requests refused for lack of headroom.");
        _deadlinePassed = _meter.CreateCounter<long>(
            "substation.deadline_passed", "{request}", "Requests not admitted because the balancer's deadline had passed.");
        _capacityExceeded = _meter.CreateCounter<long>(
            "substation.capacity_exceeded", "{event}", "Times the power allocated was found above the capacity (must stay 0).");
        _bookings = _meter.CreateCounter<long>(
            "substation.bookings", "{request}", "Requests carrying a booking id, by what the ledger said (open, admitted: answered with its session again, superseded, in_flight).");
        _fences = _meter.CreateCounter<long>(
            "substation.booking_fences", "{request}", "Fences of retried bookings, by answer (admitted: found here, fenced, in_flight).");
        _energy = _meter.CreateCounter<double>("substation.energy.delivered", "J", "Energy delivered to vehicles (simulated).");
        _timeToFull = _meter.CreateHistogram(
            "substation.session.time_to_full", "s", "Simulated time from admission until the requested energy was delivered, of sessions that completed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Exponential(300, 1.25, 25) });
        _sessionDuration = _meter.CreateHistogram(
            "substation.session.duration", "s", "Simulated duration of ended sessions.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Exponential(300, 2, 8) });

        // Published at zero from the start, so dashboards and rate() see the series before the first event.
        foreach (var counter in (Counter<long>[])[_admitted, _rejected, _deadlinePassed, _capacityExceeded])
        {
            counter.Add(0, _substation);
        }

        _energy.Add(0, _substation);
    }

    /// <summary>Registers the gauges, which read <paramref name="read"/> when metrics are collected.</summary>
    public void Observe(Func<SubstationReadings> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Watts("substation.load", "Power drawn right now.", () => read().LoadKw);
        Watts("substation.capacity", "Power the substation can deliver.", () => read().CapacityKw);
        Watts("substation.promised", "Minimum power promised to the sessions: what admission compares with the capacity.", () => read().PromisedKw);
        Watts("substation.peak_load", "Highest power allocated since start or since the allocation mode was last switched.", () => read().PeakKw);
        Watts("substation.default_min", "The minimum promised to a request that names none where power is shared; 0 where it is fixed.", () => read().DefaultMinKw);
        Watts("substation.next_session", "What one more vehicle (standard, no maximum) would be given now where power is shared; 0 where it is fixed.", () => read().NextSessionKw);
        _meter.CreateObservableGauge<double>(
            "substation.power",
            () =>
            {
                var r = read();
                return [Measurement(r.PriorityKw * WattsPerKw, new("priority", ChargingPriority.Priority)), Measurement(r.StandardKw * WattsPerKw, new("priority", ChargingPriority.Standard))];
            },
            "W",
            "Power drawn, by session priority.");
        _meter.CreateObservableGauge("substation.sessions.active", () => new Measurement<int>(read().ActiveSessions, _substation), "{session}", "Vehicles charging right now.");
        _meter.CreateObservableGauge(
            "substation.sessions.throttled", () => new Measurement<int>(read().ThrottledSessions, _substation), "{session}",
            "Sessions drawing less than their vehicle's maximum because the capacity is shared.");
    }

    /// <summary>Counts an admission.</summary>
    public void Admitted() => _admitted.Add(1, _substation);

    /// <summary>Counts a request refused for lack of headroom.</summary>
    public void Rejected() => _rejected.Add(1, _substation);

    /// <summary>Counts a request with a booking id by what the ledger said.</summary>
    public void BookingChecked(BookingState state) => _bookings.Add(1, _substation, new("state", StateName(state)));

    /// <summary>Counts a fence by its answer.</summary>
    public void BookingFenced(BookingState state) => _fences.Add(1, _substation, new("state", StateName(state)));

    /// <summary>Counts a request that came after the balancer's deadline.</summary>
    public void DeadlinePassed() => _deadlinePassed.Add(1, _substation);

    /// <summary>Counts an allocation above the capacity (never expected).</summary>
    public void CapacityExceeded() => _capacityExceeded.Add(1, _substation);

    /// <summary>Adds energy delivered to vehicles.</summary>
    public void EnergyDelivered(double kwh)
    {
        if (kwh > 0)
        {
            _energy.Add(kwh * JoulesPerKwh, _substation);
        }
    }

    /// <summary>Records how long (simulated) a completed session took to deliver what it asked for.</summary>
    public void TimeToFull(TimeSpan simulated) => _timeToFull.Record(simulated.TotalSeconds, _substation);

    /// <summary>Records how long (simulated) an ended session lasted.</summary>
    public void SessionEnded(TimeSpan simulated) => _sessionDuration.Record(simulated.TotalSeconds, _substation);

    private static string StateName(BookingState state) => state switch
    {
        BookingState.Open => "open",
        BookingState.Admitted => "admitted",
        BookingState.Superseded => "superseded",
        BookingState.InFlight => "in_flight",
        _ => "fenced",
    };

    private void Watts(string name, string description, Func<double> kw) =>
        _meter.CreateObservableGauge(name, () => new Measurement<double>(kw() * WattsPerKw, _substation), "W", description);

    private Measurement<double> Measurement(double value, KeyValuePair<string, object?> tag) => new(value, _substation, tag);

    private static double[] Exponential(double start, double factor, int count) =>
        [.. Enumerable.Range(0, count).Select(i => start * Math.Pow(factor, i))];
}
