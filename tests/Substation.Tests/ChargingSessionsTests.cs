using GridAspire.Substation.Charging;
using GridAspire.Substation.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Substation.Tests;

public sealed class ChargingSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_session_is_admitted_while_its_power_fits_and_refused_after()
    {
        var sessions = Create(capacityKw: 100);

        var first = sessions.TryAdmit("ev1", requestedKwh: 30, maxKw: 60);
        var second = sessions.TryAdmit("ev2", requestedKwh: 30, maxKw: 50);
        var third = sessions.TryAdmit("ev3", requestedKwh: 30, maxKw: 40);

        Assert.NotNull(first.Session);
        Assert.Null(second.Session);
        Assert.NotNull(third.Session);
        Assert.Equal(100, sessions.Load().LoadKw);
    }

    [Fact]
    public void A_session_ends_by_itself_once_its_energy_is_delivered_at_simulation_speed()
    {
        var sessions = Create(capacityKw: 100, speed: 60);
        var admitted = sessions.TryAdmit("ev1", requestedKwh: 22, maxKw: 11).Session!;

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(2), admitted.ExpectedEndUtc); // 2 simulated hours
        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(11, sessions.Load().LoadKw);
        Assert.Equal("charging", sessions.Find(admitted.SessionId)!.State);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, sessions.Load().LoadKw);
        var view = sessions.Find(admitted.SessionId)!;
        Assert.Equal("completed", view.State);
        Assert.Equal(22, view.DeliveredKwh);
    }

    [Fact]
    public void A_vehicle_leaving_early_frees_its_power_and_keeps_what_it_got()
    {
        var sessions = Create(capacityKw: 50, speed: 60);
        var admitted = sessions.TryAdmit("ev1", requestedKwh: 50, maxKw: 50).Session!;
        _time.Advance(TimeSpan.FromSeconds(30)); // half a simulated hour

        var cancelled = sessions.Cancel(admitted.SessionId)!;

        Assert.Equal("cancelled", cancelled.State);
        Assert.Equal(25, cancelled.DeliveredKwh);
        Assert.NotNull(sessions.TryAdmit("ev2", requestedKwh: 10, maxKw: 50).Session);
        Assert.Equal("cancelled", sessions.Cancel(admitted.SessionId)!.State);
    }

    [Fact]
    public void Session_ids_name_their_substation_and_unknown_ids_are_null()
    {
        var sessions = Create(capacityKw: 50);

        var session = sessions.TryAdmit("ev1", 10, 10).Session!;

        Assert.StartsWith("sub-a.", session.SessionId, StringComparison.Ordinal);
        Assert.Null(sessions.Find("sub-a.nope"));
        Assert.Null(sessions.Cancel("sub-a.nope"));
    }

    [Fact]
    public void Next_end_tells_when_power_frees_up()
    {
        var sessions = Create(capacityKw: 50, speed: 3600);
        sessions.TryAdmit("ev1", requestedKwh: 10, maxKw: 10);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(3600.0 / 3600), sessions.Load().NextEndUtc);
    }

    [Fact]
    public void Shared_power_is_the_default_and_fixed_power_is_reachable_as_a_setting()
    {
        Assert.Equal(AllocationMode.Shared, new SubstationOptions().Allocation);
        Assert.Equal(AllocationMode.Fixed, Create(capacityKw: 10).Allocation);
    }

    [Fact]
    public void Admissions_refusals_and_both_kinds_of_end_are_logged()
    {
        var logger = new FakeLogger<ChargingSessions>();
        var sessions = Create(capacityKw: 100, logger: logger);
        var full = sessions.TryAdmit("ev1", requestedKwh: 10, maxKw: 50).Session!;
        var leaving = sessions.TryAdmit("ev2", requestedKwh: 100, maxKw: 50).Session!;
        sessions.TryAdmit("ev3", requestedKwh: 10, maxKw: 50);

        _time.Advance(TimeSpan.FromHours(1)); // ev1 is full after 12 minutes
        sessions.Load();
        sessions.Cancel(leaving.SessionId);

        var lines = logger.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Contains(lines, l => l.StartsWith($"Admitted {full.SessionId} for ev1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Rejected ev3 needing 50 kW", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == $"Session {full.SessionId} ended (energy delivered) after 12 simulated minutes");
        Assert.Contains(lines, l => l == $"Session {leaving.SessionId} ended (vehicle left) after 60 simulated minutes");
    }

    private ChargingSessions Create(double capacityKw, double speed = 1, ILogger<ChargingSessions>? logger = null) =>
        new(
            Options.Create(new SubstationOptions { Id = "sub-a", CapacityKw = capacityKw, Allocation = AllocationMode.Fixed }),
            Options.Create(new SimulationOptions { Speed = speed }),
            _time,
            new MeasuredSubstation("sub-a").Metrics,
            logger ?? NullLogger<ChargingSessions>.Instance);
}
