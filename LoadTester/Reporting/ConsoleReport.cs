using System.Globalization;
using GridAspire.LoadTester.RushHour;
using Spectre.Console;

namespace GridAspire.LoadTester.Reporting;

/// <summary>Tables of one run and of a comparison.</summary>
public static class ConsoleReport
{
    /// <summary>One run's table.</summary>
    public static void Run(IAnsiConsole console, RunResult r)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(r);
        var table = new Table().Title($"[bold]{Markup.Escape(r.Label)}[/]").AddColumns("measure", "value");
        table.AddRow("requests", $"{r.Requests}");
        table.AddRow("admitted (201)", $"{r.Admitted}");
        table.AddRow("grid full (503)", $"{r.Rejected}");
        table.AddRow("avoidable rejections", Percent(r.AvoidableRejections, r.Requests));
        table.AddRow("errors", r.Errors == 0 ? "[green]0[/]" : $"[red]{r.Errors}[/]");
        table.AddRow("latency p50 / p95 / p99 / max", Invariant($"{r.P50Ms:0.0} / {r.P95Ms:0.0} / {r.P99Ms:0.0} / {r.MaxMs:0.0} ms"));
        table.AddRow("share of kW", string.Join("  ", r.KwShare.Select(s => Invariant($"{s.Key} {s.Value:P0}"))));
        var hold = r.Hold;
        table.AddRow("hold: mean utilisation", string.Join("  ", hold.MeanUtilisation.Select(s => Invariant($"{s.Key} {s.Value:P0}"))) + Invariant($"  (grid {hold.MeanAggregateUtilisation:P0})"));
        table.AddRow("hold: peak utilisation (busiest second)", string.Join("  ", hold.PeakUtilisation.Select(s => Invariant($"{s.Key} {s.Value:P0}"))) + Invariant($"  (grid {hold.PeakAggregateUtilisation:P0})"));
        table.AddRow("hold: Jain per second (mean / min)", Invariant($"{hold.MeanJain:0.000} / {hold.MinJain:0.000}  (of mean utilisations {hold.JainOfMeans:0.000})"));
        table.AddRow("hold: max-min spread per second (mean / max)", Invariant($"{hold.MeanSpread:P1} / {hold.MaxSpread:P1}"));
        table.AddRow("hold: most crowded substation's power per vehicle vs balanced (mean / worst second)", Invariant($"{r.Vehicles.MeanCrowdedShare:P0} / {r.Vehicles.WorstCrowdedShare:P0}"));
        table.AddRow("hold: vehicles throttled below their maximum", Invariant($"{r.Vehicles.MeanThrottledShare:P0} of {r.Vehicles.MeanVehicles:0} charging"));
        table.AddRow("time to full (mean / p95)", r.MeanTimeToFullMinutes is { } mean ? Invariant($"{mean:0.0} / {r.P95TimeToFullMinutes:0.0} min") : "-");
        table.AddRow("window (UTC)", $"{r.StartUtc:O} .. {r.EndUtc:O}");
        console.Write(table);
    }

    /// <summary>Runs side by side.</summary>
    public static void Comparison(IAnsiConsole console, IReadOnlyList<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(results);
        var table = new Table().Title("[bold]Policy comparison (same seeded rush hour)[/]")
            .AddColumns("run", "requests", "admitted", "503", "avoidable", "errors", "p95 ms", "crowded vs balanced", "worst second", "throttled", "time to full min", "mean util.", "mean spread", "Jain mean");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Label), $"{r.Requests}", $"{r.Admitted}", $"{r.Rejected}", Percent(r.AvoidableRejections, r.Requests),
                $"{r.Errors}", Invariant($"{r.P95Ms:0.0}"), Invariant($"{r.Vehicles.MeanCrowdedShare:P0}"), Invariant($"{r.Vehicles.WorstCrowdedShare:P0}"),
                Invariant($"{r.Vehicles.MeanThrottledShare:P0}"), r.MeanTimeToFullMinutes is { } m ? Invariant($"{m:0.0}") : "-",
                Invariant($"{r.Hold.MeanAggregateUtilisation:P0}"), Invariant($"{r.Hold.MeanSpread:P1}"), Invariant($"{r.Hold.MeanJain:0.000}"));
        }

        console.Write(table);
    }

    private static string Percent(double part, long whole) =>
        Invariant($"{part:0} ({(whole == 0 ? 0 : part / whole):P1})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
