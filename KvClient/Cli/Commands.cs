using GridAspire.KvClient.Client;
using GridAspire.KvClient.Scenario;
using Spectre.Console;

namespace GridAspire.KvClient.Cli;

/// <summary>What the client's commands do (the command line is <see cref="KvClientCommandLine"/>). Each returns the exit code.</summary>
public static class Commands
{
    /// <summary>
    /// One call in the causal session kept in <paramref name="file"/>: the token is read before and written after, so
    /// consecutive invocations, even against different nodes, form one session.
    /// </summary>
    public static async Task<int> SessionCallAsync(string file, HttpClient http, IAnsiConsole console, Func<KvSession, Task<KvResult>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(console);
        var session = new KvSession(http, token: File.Exists(file) ? (await File.ReadAllTextAsync(file)).Trim() : null);
        var result = await call(session);
        if (session.Token is not null)
        {
            await File.WriteAllTextAsync(file, session.Token);
        }

        if (result.IsSuccess && result.Batch is { } batch)
        {
            var table = new Table().AddColumns("key", "value", "clock");
            foreach (var (key, value) in batch.Values)
            {
                table.AddRow(Markup.Escape(key), Markup.Escape(value ?? "-"),
                    batch.Versions.TryGetValue(key, out var version) ? $"[yellow]{Markup.Escape(version.Clock.ToString())}[/]" : "");
            }

            console.MarkupLine($"[green]{(int)result.Status}[/] one cut of {Markup.Escape(batch.Node)}  [grey]delivered[/] [yellow]{Markup.Escape(batch.Cut.ToString())}[/]");
            console.Write(table);
            return 0;
        }

        if (result.IsSuccess && result.Written is { } written)
        {
            var table = new Table().AddColumns("key", "value");
            foreach (var (key, version) in written.Versions)
            {
                table.AddRow(Markup.Escape(key), Markup.Escape(version.Deleted ? "(deleted)" : version.Value ?? ""));
            }

            console.MarkupLine($"[green]{(int)result.Status}[/] one write of {written.Versions.Count} keys at {Markup.Escape(written.Node)}" +
                $"  [grey]clock[/] [yellow]{Markup.Escape(written.Clock.ToString())}[/]");
            console.Write(table);
            return 0;
        }

        if (result.IsSuccess && result.Item is { } item)
        {
            console.MarkupLine($"[green]{(int)result.Status}[/] [bold]{Markup.Escape(item.Key)}[/] = {Markup.Escape(item.Value ?? "(deleted)")}" +
                $"  [grey]at[/] {Markup.Escape(item.Node)}  [grey]clock[/] [yellow]{Markup.Escape(item.Clock.ToString())}[/]" +
                (item.SupersededConcurrent ? "  [magenta](won over a concurrent write)[/]" : ""));
            return 0;
        }

        console.MarkupLine($"[red]{(int)result.Status}[/] {Markup.Escape(result.Problem ?? "")}");
        return 1;
    }

    /// <summary>The key=value arguments of <c>write</c> as a map (split at the first '='; the command line refuses a key named twice).</summary>
    public static Dictionary<string, string?> Pairs(IEnumerable<string> pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1], StringComparer.Ordinal);

    /// <summary>A node's clock, peers and buffered writes.</summary>
    public static async Task<int> StatusAsync(KvSession session, Uri node, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(console);
        var status = await session.StatusAsync(node, cancellationToken);
        console.MarkupLine($"[bold]{status.Node}[/]  clock [yellow]{Markup.Escape(status.Clock.ToString())}[/]  " +
            $"keys {status.Keys}  own writes {status.OwnWrites}  buffered {status.Buffered}");
        var peers = new Table().AddColumns("peer", "acked", "pending", "reachable", "held");
        foreach (var (peer, state) in status.Peers)
        {
            peers.AddRow(peer, $"{state.Acked}", $"{state.Pending}", state.Reachable ? "yes" : "[red]no[/]", state.Held ? "[yellow]held[/]" : "");
        }

        console.Write(peers);
        foreach (var message in status.BufferedMessages)
        {
            console.MarkupLine($"  buffered [cyan]{Markup.Escape(message.Key)}[/] from {message.Origin} {Markup.Escape(message.Clock.ToString())}");
        }

        return 0;
    }

    /// <summary>The access-list and album demonstration on two nodes; exit code 1 when a check fails.</summary>
    public static async Task<int> AlbumAsync(
        IReadOnlyDictionary<string, Uri> nodes, string clusterKey, HttpClient http, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var passed = await new AlbumScenario(http, clusterKey, nodes, new ConsoleReporter(console)).RunAsync(cancellationToken);
        console.Write(new Rule(passed ? "[green bold]batch reads kept to one causal cut[/]" : "[red bold]CHECK FAILED[/]"));
        return passed ? 0 : 1;
    }

    /// <summary>The causal-delivery demonstration on three nodes; exit code 1 on a violation.</summary>
    public static async Task<int> ScenarioAsync(
        IReadOnlyDictionary<string, Uri> nodes, string clusterKey, HttpClient http, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var scenario = new CausalScenario(http, clusterKey, nodes, new ConsoleReporter(console), TimeProvider.System);
        var passed = await scenario.RunAsync(cancellationToken);
        console.Write(new Rule(passed ? "[green bold]causal order held[/]" : "[red bold]CAUSALITY VIOLATION[/]"));
        return passed ? 0 : 1;
    }
}
