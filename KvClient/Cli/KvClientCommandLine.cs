using System.CommandLine;
using GridAspire.KvClient.Client;
using Spectre.Console;
using static GridAspire.CommandLine.CommandLineOptions;

namespace GridAspire.KvClient.Cli;

/// <summary>
/// The client's command line: <c>put</c>, <c>get</c>, <c>read</c>, <c>write</c>, <c>delete</c>, <c>status</c>, <c>scenario causal</c> and
/// <c>scenario album</c>. Defaults
/// fit the AppHost (kv1..kv3 on ports 7101..7103, its local cluster key); <c>KV_NODE</c>, <c>KV_NODES</c> and
/// <c>KV_CLUSTER_KEY</c> override them.
/// </summary>
public static class KvClientCommandLine
{
    private static readonly string[] ScenarioNodes = ["kv1", "kv2", "kv3"];

    /// <summary>Builds the command tree; the commands write to <paramref name="console"/>.</summary>
    public static RootCommand Build(IAnsiConsole console)
    {
        var node = Url("--node", "The node to talk to.", "KV_NODE", Defaults.Node);
        var session = new Option<string>("--session")
        {
            Description = "File that keeps the session's causal token between invocations, so they form one causal session.",
            DefaultValueFactory = _ => Defaults.SessionFile,
        };
        var timeout = Timeout(5, "the node");
        var key = new Argument<string>("key") { Description = "The key." };
        var value = new Argument<string>("value") { Description = "The value." };

        var put = new Command("put", "Writes a value; the answer shows the write's vector clock.") { key, value, node, session, timeout };
        put.SetAction((parse, ct) => WithHttp(parse, timeout, http => Commands.SessionCallAsync(parse.GetValue(session)!, http, console,
            s => s.PutAsync(parse.GetValue(node)!, parse.GetValue(key)!, parse.GetValue(value)!, ct))));

        var get = new Command("get", "Reads a value; the node waits until it has seen everything this session has.") { key, node, session, timeout };
        get.SetAction((parse, ct) => WithHttp(parse, timeout, http => Commands.SessionCallAsync(parse.GetValue(session)!, http, console,
            s => s.GetAsync(parse.GetValue(node)!, parse.GetValue(key)!, ct))));

        var keys = new Argument<string[]>("keys") { Description = "The keys, at least one.", Arity = ArgumentArity.OneOrMore };
        var read = new Command("read", "Reads several keys together, from one causally consistent cut of the node.") { keys, node, session, timeout };
        read.SetAction((parse, ct) => WithHttp(parse, timeout, http => Commands.SessionCallAsync(parse.GetValue(session)!, http, console,
            s => s.ReadManyAsync(parse.GetValue(node)!, parse.GetValue(keys)!, ct))));

        var changes = new Argument<string[]>("changes") { Description = "key=value pairs to write.", Arity = ArgumentArity.ZeroOrMore };
        var deleting = new Option<string[]>("--delete") { Description = "Keys to delete in the same write.", AllowMultipleArgumentsPerToken = true };
        var write = new Command("write", "Writes and deletes several keys as one write: every node shows all of it or none of it.")
        {
            changes, deleting, node, session, timeout,
        };
        write.Validators.Add(result =>
        {
            var pairs = result.GetValue(changes) ?? [];
            if (pairs.FirstOrDefault(c => c.IndexOf('=', StringComparison.Ordinal) < 1) is { } bad)
            {
                result.AddError($"'{bad}' is not key=value");
            }
            else if (pairs.Select(p => p.Split('=', 2)[0]).GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                result.AddError($"'{twice.Key}' is written twice");
            }
        });
        write.SetAction((parse, ct) => WithHttp(parse, timeout, http => Commands.SessionCallAsync(parse.GetValue(session)!, http, console,
            s => s.WriteManyAsync(parse.GetValue(node)!, Commands.Pairs(parse.GetValue(changes) ?? []), parse.GetValue(deleting) ?? [], ct))));

        var delete = new Command("delete", "Deletes a key (a replicated tombstone).") { key, node, session, timeout };
        delete.SetAction((parse, ct) => WithHttp(parse, timeout, http => Commands.SessionCallAsync(parse.GetValue(session)!, http, console,
            s => s.DeleteAsync(parse.GetValue(node)!, parse.GetValue(key)!, ct))));

        var status = new Command("status", "A node's vector clock, peers and buffered writes.") { node, timeout };
        status.SetAction((parse, ct) => WithHttp(parse, timeout, http => Commands.StatusAsync(new KvSession(http), parse.GetValue(node)!, console, ct)));

        var scenario = new Command("scenario", "Demonstrations.");
        scenario.Subcommands.Add(Causal(console));
        scenario.Subcommands.Add(Album(console));

        return new RootCommand("GridAspire KV client: one causal session across invocations and nodes.")
        {
            put, get, read, write, delete, status, scenario,
        };
    }

    private static Command Causal(IAnsiConsole console)
    {
        var nodes = Nodes("kv1, kv2 and kv3 as id=URL pairs separated by commas.", "KV_NODES", Defaults.Nodes, ScenarioNodes);
        var clusterKey = ClusterKey();
        var timeout = Timeout(10, "a node");
        var causal = new Command("causal", "Writes y after reading x while x is held back from kv3; shows kv3 buffers y until x arrives. Exit 1 on a violation.")
        {
            nodes, clusterKey, timeout,
        };
        causal.SetAction((parse, ct) => WithHttp(parse, timeout, http =>
            Commands.ScenarioAsync(ParseNodes(parse.GetValue(nodes)!), parse.GetValue(clusterKey)!, http, console, ct)));
        return causal;
    }

    private static Command Album(IAnsiConsole console)
    {
        var nodes = Nodes("kv1 and kv2 (kv3 may be listed) as id=URL pairs separated by commas.", "KV_NODES", Defaults.Nodes, ScenarioNodes[..2]);
        var clusterKey = ClusterKey();
        var timeout = Timeout(10, "a node");
        var album = new Command(
            "album",
            "Shows single reads pairing an old access list with a new photo, and batch reads never doing so. Exit 1 if a check fails.")
        {
            nodes, clusterKey, timeout,
        };
        album.SetAction((parse, ct) => WithHttp(parse, timeout, http =>
            Commands.AlbumAsync(ParseNodes(parse.GetValue(nodes)!), parse.GetValue(clusterKey)!, http, console, ct)));
        return album;
    }

    private static Option<string> ClusterKey() => new("--cluster-key")
    {
        Description = "The cluster key (the scenario holds and releases a replication link). $KV_CLUSTER_KEY overrides the default.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KV_CLUSTER_KEY") ?? Defaults.ClusterKey,
    };

    private static async Task<int> WithHttp(ParseResult parse, Option<double> timeout, Func<HttpClient, Task<int>> run)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
        return await run(http);
    }
}
