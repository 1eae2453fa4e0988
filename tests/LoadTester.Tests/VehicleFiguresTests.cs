using GridAspire.LoadTester.Statistics;

namespace GridAspire.LoadTester.Tests;

public sealed class VehicleFiguresTests
{
    [Fact]
    public void Vehicles_placed_in_proportion_to_capacity_are_balanced_however_many_there_are()
    {
        SubstationSample[] second = [new(400, 40, 40), new(300, 30, 30), new(300, 30, 0)];

        var figures = VehicleFigures.Of([second]);

        Assert.Equal(1, figures.MeanCrowdedShare, precision: 9);
        Assert.Equal(0.7, figures.MeanThrottledShare, precision: 9);
        Assert.Equal(100, figures.MeanVehicles);
    }

    [Fact]
    public void The_vehicles_of_the_most_crowded_substation_get_a_smaller_share_of_power_than_a_balanced_grid_would_give()
    {
        // 100 vehicles on 1000 kW: 10 kW each if balanced. s1 holds 60 of them on 400 kW: 6.67 kW each.
        SubstationSample[] crowded = [new(400, 60, 60), new(300, 20, 0), new(300, 20, 0)];
        SubstationSample[] balanced = [new(400, 40, 0), new(300, 30, 0), new(300, 30, 0)];

        var figures = VehicleFigures.Of([crowded, balanced]);

        Assert.Equal((400.0 / 60) / 10, figures.WorstCrowdedShare, precision: 9);
        Assert.Equal(((400.0 / 60 / 10) + 1) / 2, figures.MeanCrowdedShare, precision: 9);
        Assert.Equal(0.3, figures.MeanThrottledShare, precision: 9); // 60 % then 0 %
    }

    [Fact]
    public void An_idle_substation_beside_busy_ones_is_imbalance_and_seconds_without_vehicles_are_left_out()
    {
        SubstationSample[] oneTakesAll = [new(500, 10, 10), new(500, 0, 0)];
        SubstationSample[] nobody = [new(500, 0, 0), new(500, 0, 0)];

        var figures = VehicleFigures.Of([oneTakesAll, nobody]);

        Assert.Equal(0.5, figures.WorstCrowdedShare, precision: 9);
        Assert.Equal(0.5, figures.MeanCrowdedShare, precision: 9);
        Assert.Equal(VehicleFigures.Empty, VehicleFigures.Of([nobody]));
    }
}
