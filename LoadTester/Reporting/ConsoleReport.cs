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
        table.AddRow("peak utilisation", string.Join("  ", r.PeakUtilisation.Select(s => Invariant($"{s.Key} {s.Value:P0}"))) + Invariant($"  (all {r.PeakAggregateUtilisation:P0})"));
        table.AddRow("max-min spread (mean / max)", Invariant($"{r.MeanSpread:P1} / {r.MaxSpread:P1}"));
        table.AddRow("Jain's index", Invariant($"{r.JainIndex:0.000}"));
        table.AddRow("window (UTC)", $"{r.StartUtc:O} .. {r.EndUtc:O}");
        console.Write(table);
    }

    /// <summary>Runs side by side.</summary>
    public static void Comparison(IAnsiConsole console, IReadOnlyList<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(results);
        var table = new Table().Title("[bold]Policy comparison (same seeded rush hour)[/]")
            .AddColumns("run", "requests", "admitted", "503", "avoidable", "errors", "p95 ms", "mean spread", "max spread", "Jain");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Label), $"{r.Requests}", $"{r.Admitted}", $"{r.Rejected}", Percent(r.AvoidableRejections, r.Requests),
                $"{r.Errors}", Invariant($"{r.P95Ms:0.0}"), Invariant($"{r.MeanSpread:P1}"), Invariant($"{r.MaxSpread:P1}"), Invariant($"{r.JainIndex:0.000}"));
        }

        console.Write(table);
    }

    private static string Percent(double part, long whole) =>
        Invariant($"{part:0} ({(whole == 0 ? 0 : part / whole):P1})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
