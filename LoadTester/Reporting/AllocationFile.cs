using System.Globalization;
using System.Text;
using GridAspire.LoadTester.RushHour;
using Spectre.Console;

namespace GridAspire.LoadTester.Reporting;

/// <summary>The comparison of allocation modes, on the console and as a Markdown table for benchmarks/README.md.</summary>
public static class AllocationFile
{
    private static readonly string[] Columns =
    [
        "allocation", "requests", "admitted", "turned away", "energy kWh", "completed", "time to full, mean min", "p95 min",
        "mean util. (hold)", "peak util. (hold)", "imbalance, mean / max (hold)", "capacity exceeded", "peak load / capacity",
    ];

    /// <summary>Writes the table to <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, IReadOnlyList<AllocationFigures> figures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var md = new StringBuilder();
        md.AppendLine("| " + string.Join(" | ", Columns) + " |");
        md.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", Columns.Length - 1)));
        foreach (var row in figures.Select(Row))
        {
            md.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return File.WriteAllTextAsync(path, md.ToString(), cancellationToken);
    }

    /// <summary>Shows the table on <paramref name="console"/>.</summary>
    public static void Show(IAnsiConsole console, IReadOnlyList<AllocationFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(figures);
        var table = new Table().Title("[bold]Fixed vs shared power (same seeded rush hour)[/]").AddColumns(Columns);
        foreach (var row in figures.Select(Row))
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    private static string[] Row(AllocationFigures f) =>
    [
        f.Allocation,
        Invariant($"{f.Run.Requests}"),
        Invariant($"{f.Run.Admitted}"),
        Invariant($"{f.Run.Rejected} ({(f.Run.Requests == 0 ? 0 : (double)f.Run.Rejected / f.Run.Requests):P1})"),
        Invariant($"{f.EnergyKwh:0}"),
        Invariant($"{f.Completed:0}"),
        f.MeanTimeToFullMinutes is { } mean ? Invariant($"{mean:0.0}") : "-",
        f.P95TimeToFullMinutes is { } p95 ? Invariant($"{p95:0.0}") : "-",
        Invariant($"{f.Run.Hold.MeanAggregateUtilisation:P1}"),
        Invariant($"{f.Run.Hold.PeakAggregateUtilisation:P1}"),
        Invariant($"{f.Run.Hold.MeanSpread:P1} / {f.Run.Hold.MaxSpread:P1}"),
        Invariant($"{f.CapacityExceeded:0}"),
        Invariant($"{f.PeakUtilisation:P1}"),
    ];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
