using System.Globalization;
using System.Text;
using GridAspire.LoadTester.RushHour;

namespace GridAspire.LoadTester.Reporting;

/// <summary>
/// The comparison as a Markdown table, ready for benchmarks/README.md and the report. Utilisation and fairness are
/// over the hold phase; see <see cref="Statistics.GridFigures"/> for what each figure means.
/// </summary>
public static class ComparisonFile
{
    /// <summary>Writes the table to <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, IReadOnlyList<RunResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        md.AppendLine("| Run | Requests | Admitted | 503 | Avoidable | Errors | p50 ms | p95 ms | p99 ms | Mean utilisation | Peak utilisation | Jain per second, mean | Jain per second, min | Mean spread | Max spread |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Label} | {r.Requests} | {r.Admitted} | {r.Rejected} | {r.AvoidableRejections:0} ({r.AvoidableRate:P1}) | {r.Errors} | {r.P50Ms:0.0} | {r.P95Ms:0.0} | {r.P99Ms:0.0} | {r.Hold.MeanAggregateUtilisation:P0} | {r.Hold.PeakAggregateUtilisation:P0} | {r.Hold.MeanJain:0.000} | {r.Hold.MinJain:0.000} | {r.Hold.MeanSpread:P1} | {r.Hold.MaxSpread:P1} |"));
        }

        return File.WriteAllTextAsync(path, md.ToString(), cancellationToken);
    }
}
