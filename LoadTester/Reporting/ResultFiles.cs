using System.Globalization;
using System.Text;
using System.Text.Json;
using GridAspire.LoadTester.RushHour;

namespace GridAspire.LoadTester.Reporting;

/// <summary>Writes a run's <c>summary.json</c> and its per-second <c>timeseries.csv</c>.</summary>
public static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes both files into <paramref name="directory"/>.</summary>
    public static async Task WriteAsync(string directory, RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var summary = new
        {
            result.Label,
            result.Policy,
            result.PollIntervalSeconds,
            result.Seed,
            result.StartUtc,
            result.EndUtc,
            // For a Prometheus range query or a Grafana link: &from=<ms>&to=<ms>.
            StartUnixMs = result.StartUtc.ToUnixTimeMilliseconds(),
            EndUnixMs = result.EndUtc.ToUnixTimeMilliseconds(),
            result.Requests,
            result.Admitted,
            result.Rejected,
            result.GridFullRejections,
            result.AvoidableRejections,
            result.AvoidableRate,
            result.Errors,
            // With several API replicas (--also-target): requests sent on to another one, or asked again, and the faults run.
            result.Retries,
            result.Faults,
            LatencyMs = new { result.P50Ms, result.P95Ms, result.P99Ms, result.MaxMs },
            result.KwShare,
            // Over the hold phase: mean and busiest-second utilisation, and fairness judged second by second.
            result.Hold,
            // Over the hold phase, from the substations: how crowded the most crowded one was for its vehicles, how many
            // were held below their maximum; and the time to full of the sessions that completed during the run.
            result.Vehicles,
            TimeToFullMinutes = new { Mean = result.MeanTimeToFullMinutes, P95 = result.P95TimeToFullMinutes },
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "summary.json"), JsonSerializer.Serialize(summary, Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "timeseries.csv"), Csv(result), cancellationToken);
    }

    private static string Csv(RunResult result)
    {
        var substations = result.Seconds.SelectMany(s => s.LoadKw.Keys).Distinct().Order().ToList();
        var csv = new StringBuilder("second,sent,admitted,rejected,errors,p50_ms,p95_ms,p99_ms");
        foreach (var name in substations)
        {
            csv.Append(CultureInfo.InvariantCulture, $",load_kw_{name},utilisation_{name}");
        }

        csv.Append('\n');
        foreach (var s in result.Seconds)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{s.Second},{s.Sent},{s.Admitted},{s.Rejected},{s.Errors},{s.Latency.Percentile(50):0.###},{s.Latency.Percentile(95):0.###},{s.Latency.Percentile(99):0.###}");
            foreach (var name in substations)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $",{(s.LoadKw.TryGetValue(name, out var load) ? load.ToString("0.###", CultureInfo.InvariantCulture) : "")},{(s.Utilisation.TryGetValue(name, out var u) ? u.ToString("0.####", CultureInfo.InvariantCulture) : "")}");
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }
}
