using CsCheck;
using GridAspire.Substation.Charging;
using GridAspire.Substation.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Substation.Tests;

/// <summary>
/// The substation keeps sessions of equal demand as one group with one energy clock, so an event costs no pass over
/// every session. These tests hold it to the plain per-session simulation (<see cref="ReferenceSubstation"/>).
/// </summary>
public sealed class GroupedSessionsTests
{
    // A few charger powers, as vehicles come, and sometimes an odd one, so groups both fill up and stay single.
    private static readonly double[] ChargerKw = [3.7, 7.4, 11, 22, 50];

    [Theory]
    [InlineData(AllocationMode.Shared, 1)]
    [InlineData(AllocationMode.Shared, 2)]
    [InlineData(AllocationMode.Shared, 3)]
    [InlineData(AllocationMode.Fixed, 4)]
    [InlineData(AllocationMode.Fixed, 5)]
    public void Every_session_draws_and_receives_what_the_per_session_simulation_gives_it(AllocationMode mode, int seed)
    {
        const double capacity = 200;
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 17, 0, 0, TimeSpan.Zero));
        using var measured = new MeasuredSubstation("sub-g");
        var sessions = new ChargingSessions(
            Options.Create(new SubstationOptions { Id = "sub-g", CapacityKw = capacity, Allocation = mode }),
            Options.Create(new SimulationOptions { Speed = 1 }),
            time,
            measured.Metrics,
            NullLogger<ChargingSessions>.Instance);
        var reference = new ReferenceSubstation(capacity);
        var ids = new List<string>();
        var mismatches = new List<string>();

        for (var step = 0; step < 600; step++)
        {
            switch (random.Next(10))
            {
                case < 5:
                    var maxKw = random.Next(8) == 0 ? Math.Round(1 + (random.NextDouble() * 60), 2) : ChargerKw[random.Next(ChargerKw.Length)];
                    var minKw = mode == AllocationMode.Fixed ? maxKw : Math.Min(random.Next(1, 6), maxKw);
                    var priority = random.Next(6) == 0;
                    var kwh = random.Next(2, 60);
                    var admitted = sessions.TryAdmit($"ev{step}", kwh, maxKw, minKw, priority).Session;
                    var fits = reference.TryAdmit(admitted?.SessionId ?? $"refused{step}", new PowerDemand(minKw, maxKw, priority), kwh);
                    Assert.Equal(fits, admitted is not null);
                    if (admitted is not null)
                    {
                        ids.Add(admitted.SessionId);
                    }

                    break;
                case < 6 when ids.Count > 0:
                    var id = ids[random.Next(ids.Count)];
                    sessions.Cancel(id);
                    reference.Cancel(id);
                    break;
                default:
                    var minutes = random.Next(1, 40);
                    time.Advance(TimeSpan.FromMinutes(minutes));
                    reference.Advance(minutes / 60.0);
                    break;
            }

            foreach (var id in ids)
            {
                var actual = sessions.Find(id)!;
                var expected = reference.Look(id);
                if (actual.State != expected.State
                    || (expected.State == "charging" && Math.Abs(actual.Kw - expected.Kw) > 1e-3)
                    || Math.Abs(actual.DeliveredKwh - expected.DeliveredKwh) > 1e-3)
                {
                    mismatches.Add($"step {step}, {id}: {actual.State} {actual.Kw} kW {actual.DeliveredKwh} kWh, expected {expected}");
                }
            }

            Assert.Empty(mismatches);
            Assert.Equal(reference.PromisedKw, sessions.Load().PromisedMinKw, 6);
        }

        Assert.Contains(ids, id => sessions.Find(id)!.State == "completed");
        Assert.Contains(ids, id => sessions.Find(id)!.State == "cancelled");
    }

    [Fact]
    public void A_group_of_equal_demands_gets_what_each_of_them_gets_alone() =>
        Gen.Select(
                Gen.Select(Gen.Double[0, 20], Gen.Double[0, 200], Gen.Bool, Gen.Int[1, 6])
                    .Select((min, extra, priority, count) => (Demand: new PowerDemand(min, min + extra, priority), Count: count))
                    .Array[1, 12],
                Gen.Double[0, 2_000])
            .Sample((groups, headroom) =>
            {
                var capacity = groups.Sum(g => g.Count * g.Demand.MinKw) + headroom;
                var grouped = PowerAllocation.Allocate(capacity, [.. groups.Select(g => g.Demand)], [.. groups.Select(g => g.Count)]);
                var alone = PowerAllocation.Allocate(capacity, [.. groups.SelectMany(g => Enumerable.Repeat(g.Demand, g.Count))]);
                var expanded = groups.SelectMany((g, i) => Enumerable.Repeat(grouped[i], g.Count)).ToArray();
                return expanded.Sum() <= capacity + 1e-9 && expanded.Zip(alone).All(pair => Math.Abs(pair.First - pair.Second) <= 1e-6);
            });
}
