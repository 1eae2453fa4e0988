using GridAspire.Contracts.Kv;
using Spectre.Console;

namespace GridAspire.KvClient.Scenario;

/// <summary>Prints the scenario as a readable, coloured log.</summary>
public sealed class ConsoleReporter(IAnsiConsole console) : IScenarioReporter
{
    /// <inheritdoc/>
    public void BeginStep(int number, string title) =>
        console.Write(new Rule($"[bold]{number}. {Markup.Escape(title)}[/]").LeftJustified());

    /// <inheritdoc/>
    public void Observed(string node, string what, VectorClock? clock = null) =>
        console.MarkupLine(
            $"  [cyan]{Markup.Escape(node)}[/]  {Markup.Escape(what)}" +
            (clock is null ? "" : $"  [grey]clock[/] [yellow]{Markup.Escape(clock.ToString())}[/]"));

    /// <inheritdoc/>
    public void Check(bool passed, string claim) =>
        console.MarkupLine(passed ? $"  [green]PASS[/] {Markup.Escape(claim)}" : $"  [red bold]FAIL[/] {Markup.Escape(claim)}");
}
