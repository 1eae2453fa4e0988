using System.Diagnostics;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Chaos.Checking;
using GridAspire.KvNode.Chaos.Cluster;
using GridAspire.KvNode.Chaos.Faults;
using GridAspire.KvNode.Chaos.History;
using GridAspire.KvNode.Chaos.Workload;

namespace GridAspire.KvNode.Chaos.Sweep;

/// <summary>
/// One seed: start real nodes, run the sessions while the injector breaks links and kills nodes, heal, wait for
/// quiescence, read every node's final state, and check the history.
/// </summary>
public static class ChaosRun
{
    private static readonly TimeSpan QuiescenceLimit = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="seed"/>; its data and logs stay under <paramref name="root"/> when something is wrong.</summary>
    public static async Task<SeedResult> RunAsync(int seed, ChaosSettings settings, string root)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var wall = Stopwatch.StartNew();
        var directory = Path.Combine(root, $"seed-{seed}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var size = settings.NodesFor(seed);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var history = new HistoryRecorder();
        var keys = Enumerable.Range(0, settings.Keys).Select(k => $"k{k}").ToList();
        RunHistory recorded;
        await using (var cluster = await ProcessCluster.StartAsync(size, directory, (a, b) => settings.DistanceOf(seed, a, b)))
        {
            var faults = new FaultInjector(cluster, seed, http, history, settings.Membership);
            using var stopFaults = new CancellationTokenSource();
            var injecting = faults.RunAsync(settings.FaultSteps, settings.FaultPause, stopFaults.Token);
            await Task.WhenAll(Enumerable.Range(0, settings.Sessions).Select(s =>
                new SessionWorker(s, seed, () => cluster.Nodes, keys, http, history).RunAsync(settings.OperationsPerSession, CancellationToken.None)));
            await stopFaults.CancelAsync();
            await injecting;

            await faults.HealAsync();
            var healed = history.Now;
            var notQuiet = await WaitForQuiescenceAsync(cluster, http);
            TimeSpan? convergedAfter = notQuiet is null ? history.Now - healed : null;
            var final = await ReadFinalStateAsync(cluster, http, keys);
            recorded = new RunHistory(seed, history.Operations, history.Faults, final, convergedAfter, notQuiet);
        }

        var violations = CausalChecker.Check(recorded);
        await File.WriteAllLinesAsync(Path.Combine(directory, "history.txt"),
            recorded.Operations.Select(o => o.ToString()).Concat(recorded.Faults.Select(f => "fault " + f)));
        if (violations.Count == 0 && !settings.KeepData)
        {
            Directory.Delete(directory, recursive: true);
        }

        return new SeedResult(seed, size, recorded, violations, wall.Elapsed, directory);
    }

    // Quiet means: every node has delivered the same clock, buffers nothing and has no unacknowledged write. Returns
    // null once quiet, or what the last look still showed.
    private static async Task<string?> WaitForQuiescenceAsync(ProcessCluster cluster, HttpClient http)
    {
        var session = new KvSession(http);
        var deadline = Stopwatch.StartNew();
        var seen = "no node answered";
        while (deadline.Elapsed < QuiescenceLimit)
        {
            try
            {
                var statuses = await Task.WhenAll(cluster.Nodes.Select(n => session.StatusAsync(n.Address)));
                if (statuses.All(s => s.Buffered == 0 && s.Peers.Values.All(p => p.Pending == 0)
                    && ClockText.Same(ClockText.Plain(s.Clock), ClockText.Plain(statuses[0].Clock))))
                {
                    return null;
                }

                seen = string.Join("; ", statuses.Select(s =>
                    $"{s.Node} {s.Clock} buffered {s.Buffered} pending " +
                    string.Join(",", s.Peers.Where(p => p.Value.Pending != 0).Select(p => $"{p.Key}:{p.Value.Pending}")) +
                    (s.WritesRefused is { } refused ? $" refusing writes ({refused})" : "")));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A node is still starting or too busy to answer in time: keep polling until the deadline.
                seen = $"a node did not answer /status ({ex.GetType().Name})";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        return seen;
    }

    private static async Task<IReadOnlyDictionary<string, NodeFinalState>> ReadFinalStateAsync(
        ProcessCluster cluster, HttpClient http, IReadOnlyList<string> keys)
    {
        var final = new Dictionary<string, NodeFinalState>();
        foreach (var node in cluster.Nodes)
        {
            var session = new KvSession(http);
            var status = await session.StatusAsync(node.Address);
            var held = new Dictionary<string, Observation?>();
            foreach (var key in keys)
            {
                // A fresh session per key: the final read must show what the node holds, not wait for a context.
                var result = await new KvSession(http).GetAsync(node.Address, key);
                held[key] = result.Item is { } item ? new Observation(item.Origin, ClockText.Plain(item.Clock), item.Deleted ? null : item.Value) : null;
            }

            final[node.NodeId] = new NodeFinalState(ClockText.Plain(status.Clock), status.Buffered, held, status.Writer);
        }

        return final;
    }
}
