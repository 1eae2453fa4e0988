using GridAspire.LoadTester.Statistics;

namespace GridAspire.LoadTester.Tests;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(new[] { 1.0, 1.0, 1.0 }, 1.0)]
    [InlineData(new[] { 1.0, 0.0, 0.0 }, 1.0 / 3)]
    [InlineData(new[] { 0.5, 0.7, 0.9 }, 0.948387)] // 2.1^2 / (3 * 1.55)
    [InlineData(new[] { 0.2, 0.8 }, 0.735294)] // 1.0 / (2 * 0.68)
    [InlineData(new double[0], 1.0)]
    public void Jains_index_matches_hand_computed_values(double[] utilisation, double expected)
    {
        Assert.Equal(expected, Fairness.JainIndex(utilisation), precision: 5);
    }

    [Fact]
    public void Spread_is_largest_minus_smallest()
    {
        Assert.Equal(0.4, Fairness.Spread([0.5, 0.9, 0.7]), precision: 10);
        Assert.Equal(0, Fairness.Spread([]));
    }

    [Fact]
    public void Percentiles_of_one_to_a_hundred_milliseconds()
    {
        var recorder = new LatencyRecorder();
        foreach (var ms in Enumerable.Range(1, 100))
        {
            recorder.Record(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal(100, recorder.Count);
        Assert.Equal(50, recorder.Percentile(50), precision: 1);
        Assert.Equal(95, recorder.Percentile(95), precision: 1);
        Assert.Equal(99, recorder.Percentile(99), precision: 1);
        Assert.Equal(100, recorder.Max(), precision: 1);
    }

    [Fact]
    public void An_empty_recorder_reports_zero()
    {
        Assert.Equal(0, new LatencyRecorder().Percentile(99));
    }
}
