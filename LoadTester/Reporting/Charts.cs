using GridAspire.LoadTester.RushHour;
using GridAspire.LoadTester.Statistics;
using ScottPlot;

namespace GridAspire.LoadTester.Reporting;

/// <summary>PNG charts of a run (ScottPlot), and one chart comparing runs.</summary>
public static class Charts
{
    private const int Width = 1000;
    private const int Height = 450;

    /// <summary>Load per substation, latency percentiles, admissions vs rejections.</summary>
    public static void WriteRun(string directory, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var seconds = result.Seconds;
        var x = seconds.Select(s => (double)s.Second).ToArray();

        var load = new Plot();
        foreach (var name in seconds.SelectMany(s => s.LoadKw.Keys).Distinct().Order())
        {
            var (xs, ys) = Present(seconds, s => s.LoadKw.TryGetValue(name, out var v) ? v : null);
            load.Add.ScatterLine(xs, ys).LegendText = name;
        }

        Finish(load, $"Load per substation — {result.Label}", "kW");
        load.SavePng(Path.Combine(directory, "load-per-substation.png"), Width, Height);

        var latency = new Plot();
        foreach (var (percentile, name) in new[] { (50.0, "p50"), (95.0, "p95"), (99.0, "p99") })
        {
            var (xs, ys) = Present(seconds, s => s.Latency.Count > 0 ? s.Latency.Percentile(percentile) : null);
            latency.Add.ScatterLine(xs, ys).LegendText = name;
        }

        Finish(latency, $"Latency percentiles — {result.Label}", "ms");
        latency.SavePng(Path.Combine(directory, "latency.png"), Width, Height);

        var outcomes = new Plot();
        outcomes.Add.ScatterLine(x, seconds.Select(s => (double)s.Admitted).ToArray()).LegendText = "admitted (201)";
        outcomes.Add.ScatterLine(x, seconds.Select(s => (double)s.Rejected).ToArray()).LegendText = "grid full (503)";
        outcomes.Add.ScatterLine(x, seconds.Select(s => (double)s.Errors).ToArray()).LegendText = "errors";
        Finish(outcomes, $"Admissions vs rejections per second — {result.Label}", "requests/s");
        outcomes.SavePng(Path.Combine(directory, "admissions.png"), Width, Height);
    }

    /// <summary>Utilisation spread (max - min) over time, one line per run.</summary>
    public static void WriteComparison(string path, IReadOnlyList<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        foreach (var result in results)
        {
            var (xs, ys) = Present(result.Seconds, s => s.Utilisation.Count == 0 ? null : (s.Utilisation.Values.Max() - s.Utilisation.Values.Min()) * 100);
            plot.Add.ScatterLine(xs, ys).LegendText = result.Label;
        }

        Finish(plot, "Imbalance each second: max - min utilisation of the substations", "% of capacity");
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// Each second, the most crowded substation's capacity per vehicle over the grid's (100 % when vehicles are placed
    /// in proportion to capacity), one line per run: what placement means for the vehicles where power is shared.
    /// </summary>
    public static void WriteVehicleComparison(string path, IReadOnlyList<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        foreach (var result in results)
        {
            var (xs, ys) = Present(result.Seconds, s =>
            {
                var samples = s.VehicleSamples();
                return samples.Sum(x => x.Vehicles) == 0 ? null : VehicleFigures.Of([samples]).MeanCrowdedShare * 100;
            });
            plot.Add.ScatterLine(xs, ys).LegendText = result.Label;
        }

        Finish(plot, "Most crowded substation: power per vehicle vs a balanced grid", "% of balanced");
        plot.SavePng(path, Width, Height);
    }

    private static (double[] X, double[] Y) Present(IReadOnlyList<SecondStats> seconds, Func<SecondStats, double?> value)
    {
        var points = seconds.Select(s => (X: (double)s.Second, Y: value(s))).Where(p => p.Y is not null).ToList();
        return (points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray());
    }

    private static void Finish(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.XLabel("seconds since start");
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right); // beside the data, so no curve hides behind it
    }
}
