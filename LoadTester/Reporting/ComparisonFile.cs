using System.Globalization;
using System.Text;
using GridAspire.LoadTester.RushHour;

namespace GridAspire.LoadTester.Reporting;

/// <summary>
/// The comparison as a Markdown table, ready for benchmarks/README.md and the report. Every balance figure is over the
/// hold phase and read from the substations; see <see cref="Statistics.VehicleFigures"/> and
/// <see cref="Statistics.GridFigures"/> for what each means.
/// </summary>
public static class ComparisonFile
{
    /// <summary>Writes the table to <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, IReadOnlyList<RunResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        md.AppendLine("| Run | Requests | Admitted | Turned away (avoidable) | p95 ms | Most crowded substation, power per vehicle vs balanced: mean / worst second | Vehicles throttled | Time to full, mean / p95 min | Mean utilisation | Imbalance, mean / max | Jain per second, mean / min |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Label} | {r.Requests} | {r.Admitted} | {r.Rejected} ({r.AvoidableRejections:0}) | {r.P95Ms:0.0} | {r.Vehicles.MeanCrowdedShare:P0} / {r.Vehicles.WorstCrowdedShare:P0} | {r.Vehicles.MeanThrottledShare:P0} | {Minutes(r.MeanTimeToFullMinutes)} / {Minutes(r.P95TimeToFullMinutes)} | {r.Hold.MeanAggregateUtilisation:P0} | {r.Hold.MeanSpread:P1} / {r.Hold.MaxSpread:P1} | {r.Hold.MeanJain:0.000} / {r.Hold.MinJain:0.000} |"));
        }

        return File.WriteAllTextAsync(path, md.ToString(), cancellationToken);
    }

    private static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
