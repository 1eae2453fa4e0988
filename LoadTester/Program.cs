using GridAspire.LoadTester.Cli;
using GridAspire.LoadTester.Kv;
using Spectre.Console;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var settings = Settings.Parse(args);
    return settings.Mode switch
    {
        "rush" => await RushHourCommand.RunAsync(settings, AnsiConsole.Console, TimeProvider.System, cancel.Token),
        "kv" => await KvBenchmark.RunAsync(settings, AnsiConsole.Console, cancel.Token),
        _ => throw new ArgumentException($"unknown mode '{settings.Mode}': use rush (default) or kv"),
    };
}
catch (Exception ex) when (ex is ArgumentException or FormatException or HttpRequestException)
{
    AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
    return 2;
}
