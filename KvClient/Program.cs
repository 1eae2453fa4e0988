using GridAspire.KvClient.Cli;
using Spectre.Console;

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await Commands.RunAsync(new CliArgs(args), http, AnsiConsole.Console, cancel.Token);
}
catch (Exception ex) when (ex is HttpRequestException or ArgumentException or UriFormatException)
{
    AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
    return 2;
}
