using GridAspire.KvClient.Client;
using GridAspire.KvClient.Scenario;
using Spectre.Console;

namespace GridAspire.KvClient.Cli;

/// <summary>The client's commands. Each returns the process exit code.</summary>
public static class Commands
{
    private static readonly string[] ScenarioNodes = ["kv1", "kv2", "kv3"];

    /// <summary>Usage text.</summary>
    public const string Usage = """
        kvclient put <key> <value>   [--node URL] [--session FILE]
        kvclient get <key>           [--node URL] [--session FILE]
        kvclient delete <key>        [--node URL] [--session FILE]
        kvclient status              [--node URL]
        kvclient scenario causal     [--nodes kv1=URL,kv2=URL,kv3=URL] [--cluster-key KEY]

        Environment: KV_NODE, KV_NODES, KV_CLUSTER_KEY. The session's causal token is kept in --session
        (default ~/.kvclient-session) so consecutive calls, even to different nodes, form one causal session.
        """;

    /// <summary>Runs the command in <paramref name="args"/>.</summary>
    public static async Task<int> RunAsync(CliArgs args, HttpClient http, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var node = new Uri(args.Option("node", "KV_NODE", Defaults.Node));
        var p = args.Positionals;
        return (p.Count, p.ElementAtOrDefault(0)) switch
        {
            (3, "put") => await SessionCallAsync(args, http, console, s => s.PutAsync(node, p[1], p[2], cancellationToken)),
            (2, "get") => await SessionCallAsync(args, http, console, s => s.GetAsync(node, p[1], cancellationToken)),
            (2, "delete") => await SessionCallAsync(args, http, console, s => s.DeleteAsync(node, p[1], cancellationToken)),
            (1, "status") => await StatusAsync(new KvSession(http), node, console, cancellationToken),
            (2, "scenario") when p[1] == "causal" => await ScenarioAsync(args, http, console, cancellationToken),
            _ => UsageError(console),
        };
    }

    private static async Task<int> SessionCallAsync(CliArgs args, HttpClient http, IAnsiConsole console, Func<KvSession, Task<KvResult>> call)
    {
        var file = args.Option("session", null, Defaults.SessionFile);
        var session = new KvSession(http, token: File.Exists(file) ? (await File.ReadAllTextAsync(file)).Trim() : null);
        var result = await call(session);
        if (session.Token is not null)
        {
            await File.WriteAllTextAsync(file, session.Token);
        }

        if (result.IsSuccess && result.Item is { } item)
        {
            console.MarkupLine($"[green]{(int)result.Status}[/] [bold]{Markup.Escape(item.Key)}[/] = {Markup.Escape(item.Value ?? "(deleted)")}" +
                $"  [grey]at[/] {Markup.Escape(item.Node)}  [grey]clock[/] [yellow]{Markup.Escape(ClockFormat.Show(item.Clock))}[/]" +
                (item.SupersededConcurrent ? "  [magenta](won over a concurrent write)[/]" : ""));
            return 0;
        }

        console.MarkupLine($"[red]{(int)result.Status}[/] {Markup.Escape(result.Problem ?? "")}");
        return 1;
    }

    private static async Task<int> StatusAsync(KvSession session, Uri node, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var status = await session.StatusAsync(node, cancellationToken);
        console.MarkupLine($"[bold]{status.Node}[/]  clock [yellow]{Markup.Escape(ClockFormat.Show(status.Clock))}[/]  " +
            $"keys {status.Keys}  own writes {status.OwnWrites}  buffered {status.Buffered}");
        var peers = new Table().AddColumns("peer", "acked", "pending", "reachable", "held");
        foreach (var (peer, state) in status.Peers)
        {
            peers.AddRow(peer, $"{state.Acked}", $"{state.Pending}", state.Reachable ? "yes" : "[red]no[/]", state.Held ? "[yellow]held[/]" : "");
        }

        console.Write(peers);
        foreach (var message in status.BufferedMessages)
        {
            console.MarkupLine($"  buffered [cyan]{Markup.Escape(message.Key)}[/] from {message.Origin} {Markup.Escape(ClockFormat.Show(message.Clock))}");
        }

        return 0;
    }

    private static async Task<int> ScenarioAsync(CliArgs args, HttpClient http, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var nodes = args.Option("nodes", "KV_NODES", Defaults.Nodes)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => new Uri(kv[1]));
        if (!ScenarioNodes.All(nodes.ContainsKey))
        {
            console.MarkupLine("[red]--nodes must name kv1, kv2 and kv3[/]");
            return 2;
        }

        var key = args.Option("cluster-key", "KV_CLUSTER_KEY", Defaults.ClusterKey);
        var scenario = new CausalScenario(http, key, nodes, new ConsoleReporter(console), TimeProvider.System);
        var passed = await scenario.RunAsync(cancellationToken);
        console.Write(new Rule(passed ? "[green bold]causal order held[/]" : "[red bold]CAUSALITY VIOLATION[/]"));
        return passed ? 0 : 1;
    }

    private static int UsageError(IAnsiConsole console)
    {
        console.WriteLine(Usage);
        return 2;
    }
}
