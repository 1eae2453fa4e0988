using GridAspire.LoadTester.Statistics;

namespace GridAspire.LoadTester.Tests;

public sealed class GridFiguresTests
{
    [Fact]
    public void Herding_that_evens_out_over_time_is_unfair_in_every_second()
    {
        // Each second one substation takes everything, in turn: averaged over time all three carried the same.
        var seconds = Enumerable.Range(0, 9)
            .Select(i => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>
            {
                ["s1"] = i % 3 == 0 ? 0.9 : 0,
                ["s2"] = i % 3 == 1 ? 0.9 : 0,
                ["s3"] = i % 3 == 2 ? 0.9 : 0,
            })
            .ToList();

        var figures = GridFigures.Of(seconds, seconds.Select(_ => 0.3).ToList());

        Assert.Equal(1.0, figures.JainOfMeans, precision: 6); // what a time-averaged index sees: perfect
        Assert.Equal(1.0 / 3, figures.MeanJain, precision: 6); // what happened each second: one took all
        Assert.Equal(1.0 / 3, figures.MinJain, precision: 6);
        Assert.Equal(0.9, figures.MeanSpread, precision: 6);
    }

    [Fact]
    public void Peak_utilisation_is_the_busiest_second_and_mean_is_the_average()
    {
        IReadOnlyDictionary<string, double>[] seconds =
        [
            new Dictionary<string, double> { ["s1"] = 0.6, ["s2"] = 0.6 },
            new Dictionary<string, double> { ["s1"] = 0.96, ["s2"] = 0.7 },
            new Dictionary<string, double> { ["s1"] = 0.54, ["s2"] = 0.8 },
        ];

        var figures = GridFigures.Of(seconds, [0.6, 0.83, 0.67]);

        Assert.Equal(0.96, figures.PeakUtilisation["s1"], precision: 6);
        Assert.Equal(0.7, figures.MeanUtilisation["s1"], precision: 6);
        Assert.Equal(0.83, figures.PeakAggregateUtilisation, precision: 6);
        Assert.Equal(0.7, figures.MeanAggregateUtilisation, precision: 6);
        Assert.Equal(1.34 * 1.34 / (2 * ((0.54 * 0.54) + (0.8 * 0.8))), figures.MinJain, precision: 6); // the third second
    }

    [Fact]
    public void An_empty_window_has_nothing_to_be_unfair_about()
    {
        var figures = GridFigures.Of([], []);

        Assert.Equal(1, figures.MeanJain);
        Assert.Equal(0, figures.PeakAggregateUtilisation);
    }
}
