using GridAspire.Substation.Charging;
using GridAspire.Substation.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Substation.Tests;

/// <summary><c>Substation:Allocation=Shared</c>: admission by minimum, shared power re-shared as sessions come and go.</summary>
public sealed class SharedAllocationTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero));
    private readonly MeasuredSubstation _metrics = new("sub-s");

    [Fact]
    public void A_vehicle_is_admitted_while_its_minimum_fits_and_everyone_shares_the_capacity()
    {
        var sessions = Create(capacityKw: 100);

        var admitted = Enumerable.Range(1, 10).Select(i => sessions.TryAdmit($"ev{i}", 40, maxKw: 50, minKw: 10).Session).ToList();
        var eleventh = sessions.TryAdmit("ev11", 40, maxKw: 50, minKw: 10);

        Assert.All(admitted, Assert.NotNull);
        Assert.Null(eleventh.Session);
        var load = sessions.Load();
        Assert.Equal((100, 100, 10, 10), (load.LoadKw, load.PromisedMinKw, load.ActiveSessions, load.ThrottledSessions));
        Assert.All(admitted, s => Assert.Equal(10, sessions.Find(s!.SessionId)!.Kw, 6));
    }

    [Fact]
    public void When_a_session_completes_its_power_goes_to_the_others_from_that_instant()
    {
        var sessions = Create(capacityKw: 60);
        var a = sessions.TryAdmit("a", requestedKwh: 15, maxKw: 50).Session!;
        var b = sessions.TryAdmit("b", requestedKwh: 60, maxKw: 50).Session!;
        Assert.Equal(30, sessions.Find(a.SessionId)!.Kw, 6);
        Assert.Equal(_time.GetUtcNow().AddHours(0.5), sessions.Find(a.SessionId)!.ExpectedEndUtc);

        _time.Advance(TimeSpan.FromHours(1)); // a completes at 0.5 h; b then draws 50 kW

        Assert.Equal("completed", sessions.Find(a.SessionId)!.State);
        var view = sessions.Find(b.SessionId)!;
        Assert.Equal(50, view.Kw, 6);
        Assert.Equal(15 + 25, view.DeliveredKwh, 6); // 0.5 h at 30 kW, then 0.5 h at 50 kW
        Assert.Equal(a.StartedUtc.AddHours(1.4), view.ExpectedEndUtc, TimeSpan.FromMilliseconds(1)); // 20 kWh left at 50 kW
        _time.Advance(TimeSpan.FromHours(0.4));
        Assert.Equal(("completed", 60.0), (sessions.Find(b.SessionId)!.State, sessions.Find(b.SessionId)!.DeliveredKwh));
        Assert.Equal(75, _metrics.EnergyKwh, 6);
        Assert.Equal(2, _metrics.TimeToFullSeconds.GetMeasurementSnapshot().Count);
        Assert.Equal((0.5 + 1.4) * 3600, _metrics.TimeToFullSeconds.GetMeasurementSnapshot().Sum(m => m.Value), 3);
    }

    [Fact]
    public void Priority_sessions_are_served_first_and_a_cancelled_session_frees_its_power()
    {
        var sessions = Create(capacityKw: 50);
        var standard = sessions.TryAdmit("std", 100, maxKw: 50, minKw: 5).Session!;
        var priority = sessions.TryAdmit("vip", 100, maxKw: 40, minKw: 5, priority: true).Session!;

        Assert.Equal((40.0, 10.0), (sessions.Find(priority.SessionId)!.Kw, sessions.Find(standard.SessionId)!.Kw));
        Assert.Equal("priority", sessions.Find(priority.SessionId)!.Priority);

        sessions.Cancel(priority.SessionId);

        Assert.Equal(50, sessions.Find(standard.SessionId)!.Kw, 6);
    }

    [Fact]
    public void The_default_minimum_is_capped_at_the_vehicles_maximum()
    {
        var sessions = Create(capacityKw: 10);

        var small = sessions.TryAdmit("scooter", 2, maxKw: 2).Session!;

        Assert.Equal(2, small.MinKw);
        Assert.Equal(4.1, sessions.TryAdmit("car", 20, maxKw: 11).Session!.MinKw);
        Assert.Null(sessions.TryAdmit("another car", 20, maxKw: 11).Session); // 2 + 4.1 + 4.1 > 10
    }

    [Fact]
    public async Task Under_any_interleaving_of_admissions_ends_and_cancellations_the_power_never_exceeds_the_capacity()
    {
        const double capacity = 250;
        var sessions = Create(capacityKw: capacity, speed: 3600);
        var readings = 0;
        var over = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        async Task Worker(int seed)
        {
            var random = new Random(seed);
            var mine = new List<string>();
            for (var i = 0; i < 4_000 && !stop.IsCancellationRequested; i++)
            {
                LoadReading reading;
                switch (random.Next(4))
                {
                    case 0 or 1:
                        var admission = sessions.TryAdmit(
                            $"ev{seed}-{i}", random.Next(1, 80), maxKw: random.Next(3, 150), minKw: random.Next(1, 12), priority: random.Next(5) == 0);
                        if (admission.Session is { } session)
                        {
                            mine.Add(session.SessionId);
                        }

                        reading = sessions.Load();
                        break;
                    case 2 when mine.Count > 0:
                        var index = random.Next(mine.Count);
                        sessions.Cancel(mine[index]);
                        mine.RemoveAt(index);
                        reading = sessions.Load();
                        break;
                    default:
                        _time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 500))); // sessions complete in between
                        reading = sessions.Load();
                        break;
                }

                Interlocked.Increment(ref readings);
                if (reading.LoadKw > capacity + 1e-9 || reading.PromisedMinKw > capacity + 1e-9)
                {
                    lock (over)
                    {
                        over.Add($"{reading.LoadKw} kW drawn, {reading.PromisedMinKw} kW promised");
                    }
                }

                await Task.Yield();
            }
        }

        await Task.WhenAll(Enumerable.Range(1, 8).Select(seed => Task.Run(() => Worker(seed))));

        Assert.Empty(over);
        Assert.True(readings > 1_000, $"only {readings} readings");
    }

    private ChargingSessions Create(double capacityKw, double speed = 1) =>
        new(
            Options.Create(new SubstationOptions { Id = "sub-s", CapacityKw = capacityKw, Allocation = AllocationMode.Shared }),
            Options.Create(new SimulationOptions { Speed = speed }),
            _time,
            _metrics.Metrics,
            NullLogger<ChargingSessions>.Instance);

    public void Dispose() => _metrics.Dispose();
}
