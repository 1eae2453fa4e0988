using GridAspire.LoadTester.RushHour;

namespace GridAspire.LoadTester.Tests;

public sealed class ArrivalScheduleTests
{
    private static readonly RushHourProfile Profile = new(50, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));

    [Fact]
    public void Arrivals_follow_the_profile_second_by_second()
    {
        var arrivals = ArrivalSchedule.Generate(Profile, VehicleMix.Default, seed: 42);
        var perSecond = Enumerable.Range(0, 40).Select(s => arrivals.Count(a => (int)a.At.TotalSeconds == s)).ToArray();

        // Expected total: the area under the rate curve, 50 * (5 + 20 + 5) = 1500; a Poisson count's sd is ~39.
        Assert.InRange(arrivals.Count, 1380, 1620);
        Assert.InRange(perSecond[10..30].Average(), 45, 55); // the hold at 50/s
        Assert.InRange(perSecond[0..2].Sum(), 0, 20); // the first two seconds of the ramp: expected 5
        Assert.InRange(perSecond[38..40].Sum(), 0, 20); // the last two seconds of the ramp down
        Assert.InRange(perSecond[4..6].Sum(), 25, 75); // mid ramp: expected 50
    }

    [Fact]
    public void The_same_seed_gives_the_same_vehicles_at_the_same_times_and_another_seed_does_not()
    {
        var a = ArrivalSchedule.Generate(Profile, VehicleMix.Default, seed: 7);
        var b = ArrivalSchedule.Generate(Profile, VehicleMix.Default, seed: 7);
        var c = ArrivalSchedule.Generate(Profile, VehicleMix.Default, seed: 8);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(x => x.At), c.Select(x => x.At));
    }

    [Fact]
    public void Arrivals_are_ordered_inside_the_rush_hour_with_distinct_vehicles()
    {
        var arrivals = ArrivalSchedule.Generate(Profile, VehicleMix.Default, seed: 1);

        Assert.Equal(arrivals.OrderBy(a => a.At), arrivals);
        Assert.All(arrivals, a => Assert.InRange(a.At, TimeSpan.Zero, Profile.Duration));
        Assert.Equal(arrivals.Count, arrivals.Select(a => a.VehicleId).Distinct().Count());
    }

    [Fact]
    public void The_rate_ramps_up_holds_and_ramps_down()
    {
        Assert.Equal(0, Profile.RateAt(TimeSpan.Zero));
        Assert.Equal(25, Profile.RateAt(TimeSpan.FromSeconds(5)));
        Assert.Equal(50, Profile.RateAt(TimeSpan.FromSeconds(20)));
        Assert.Equal(25, Profile.RateAt(TimeSpan.FromSeconds(35)));
        Assert.Equal(0, Profile.RateAt(TimeSpan.FromSeconds(40)));
        Assert.True(Profile.IsPeak(TimeSpan.FromSeconds(10)));
        Assert.False(Profile.IsPeak(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void The_vehicle_mix_draws_energy_in_range_and_powers_by_share()
    {
        var random = new Random(3);

        var draws = Enumerable.Range(0, 10_000).Select(_ => VehicleMix.Default.Draw(random)).ToList();

        Assert.All(draws, d => Assert.InRange(d.RequestedKwh, 10, 40));
        Assert.InRange(draws.Count(d => d.MaxKw == 11) / 10_000.0, 0.37, 0.43);
        Assert.InRange(draws.Count(d => d.MaxKw == 50) / 10_000.0, 0.08, 0.12);
    }
}
