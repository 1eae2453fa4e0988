using System.Net.Http.Headers;
using System.Net.Http.Json;
using GridAspire.KvNode.Chaos.Checking;
using GridAspire.KvNode.Chaos.Cluster;
using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Faults;

/// <summary>
/// Injects a seeded sequence of faults while the workload runs: delays with jitter, drops, reordering and held
/// links through each node's <c>/admin/links</c>, partitions (every link across a split held both ways), a stalled disk
/// (<c>/admin/disk/stall</c>: writes queue up unacknowledged behind it), and kill -9 of a node followed, a few steps
/// later, by its restart on the same data directory. A kill while the disk is stalled loses the queued writes, which
/// must never have been acknowledged. One kill in three also deletes the node's data directory (a lost disk): the node
/// restarts empty and must rejoin as a new incarnation; the writes it alone held are lost, and only those.
/// </summary>
public sealed class FaultInjector(ProcessCluster cluster, int seed, HttpClient http, HistoryRecorder history)
{
    private readonly Random _random = new(HashCode.Combine(seed, "faults"));
    private readonly List<(int StepsLeft, string Kind, string What, Func<Task> Undo)> _healing = [];
    private NodeProcess? _down;
    private int _downFor;

    /// <summary>
    /// Takes <paramref name="steps"/> fault steps, one every <paramref name="interval"/> (plus up to as much again),
    /// or fewer if cancelled first. Faults in place at the end stay until <see cref="HealAsync"/>.
    /// </summary>
    public async Task RunAsync(int steps, TimeSpan interval, CancellationToken cancellationToken)
    {
        for (var step = 0; step < steps && !cancellationToken.IsCancellationRequested; step++)
        {
            try
            {
                // Pacing the faults in time, not synchronising with anything: the workload runs independently.
                await Task.Delay(interval + interval * _random.NextDouble(), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await StepAsync();
        }
    }

    /// <summary>Restarts the killed node, if any, and removes every link fault on every node.</summary>
    public async Task HealAsync()
    {
        if (_down is { } down)
        {
            await cluster.RestartAsync(down);
            history.Fault("restart", down.NodeId);
            _down = null;
        }

        foreach (var node in cluster.Nodes)
        {
            await AdminAsync(node, HttpMethod.Post, "/admin/disk/resume", null);
            foreach (var peer in cluster.Nodes.Where(p => p != node))
            {
                await ClearLinkAsync(node, peer);
            }
        }

        history.Fault("heal", "all links released and cleared, every disk resumed, every node up");
    }

    private async Task StepAsync()
    {
        if (_down is { } down && --_downFor <= 0)
        {
            await cluster.RestartAsync(down);
            history.Fault("restart", down.NodeId);
            _down = null;
            return;
        }

        // Held links and partitions heal by themselves a few steps later, as real ones do.
        for (var i = _healing.Count - 1; i >= 0; i--)
        {
            var (left, kind, what, undo) = _healing[i];
            if (left > 1)
            {
                _healing[i] = (left - 1, kind, what, undo);
                continue;
            }

            _healing.RemoveAt(i);
            await undo();
            history.Fault(kind, what);
        }

        var nodes = cluster.Nodes;
        var from = nodes[_random.Next(nodes.Count)];
        var to = nodes.Where(n => n != from).ElementAt(_random.Next(nodes.Count - 1));
        switch (_random.Next(8))
        {
            case 0:
                await LinkAsync("delay", from, to, new { delayMs = _random.Next(0, 80), jitterMs = _random.Next(0, 150), seed = _random.Next() });
                break;
            case 1:
                await LinkAsync("drop", from, to, new { dropRate = Math.Round(0.2 + (0.6 * _random.NextDouble()), 2), seed = _random.Next() });
                break;
            case 2:
                await LinkAsync("reorder", from, to, new { jitterMs = _random.Next(20, 120), reorder = true, seed = _random.Next() });
                break;
            case 3:
                await AdminAsync(from, HttpMethod.Post, $"/admin/links/{to.NodeId}/hold", null);
                history.Fault("hold", $"{from.NodeId}->{to.NodeId}");
                _healing.Add((2 + _random.Next(4), "release", $"{from.NodeId}->{to.NodeId}",
                    () => AdminAsync(from, HttpMethod.Post, $"/admin/links/{to.NodeId}/release", null)));
                break;
            case 4:
                await PartitionAsync(nodes);
                break;
            case 6:
                await AdminAsync(from, HttpMethod.Post, "/admin/disk/stall", null);
                history.Fault("disk stall", from.NodeId);
                _healing.Add((1 + _random.Next(3), "disk resumed", from.NodeId,
                    () => AdminAsync(from, HttpMethod.Post, "/admin/disk/resume", null)));
                break;
            case 5 when _down is null:
                _down = from;
                _downFor = 1 + _random.Next(3);
                await from.KillAsync();
                history.Fault("kill", $"{from.NodeId} (SIGKILL)");
                if (_random.Next(3) == 0)
                {
                    Directory.Delete(from.DataDirectory, recursive: true);
                    history.Fault(LostDisks.FaultKind, $"{from.NodeId} (data directory deleted)");
                }

                break;
            default:
                await ReleaseAsync(from, to);
                break;
        }
    }

    private async Task LinkAsync(string kind, NodeProcess from, NodeProcess to, object settings)
    {
        await AdminAsync(from, HttpMethod.Put, $"/admin/links/{to.NodeId}", settings);
        history.Fault(kind, $"{from.NodeId}->{to.NodeId} {System.Text.Json.JsonSerializer.Serialize(settings)}");
    }

    private async Task ReleaseAsync(NodeProcess from, NodeProcess to)
    {
        await ClearLinkAsync(from, to);
        history.Fault("release", $"{from.NodeId}->{to.NodeId}");
    }

    // No delay, jitter, drop or reorder, and not held.
    private async Task ClearLinkAsync(NodeProcess from, NodeProcess to)
    {
        await AdminAsync(from, HttpMethod.Put, $"/admin/links/{to.NodeId}", new { });
        await AdminAsync(from, HttpMethod.Post, $"/admin/links/{to.NodeId}/release", null);
    }

    private async Task PartitionAsync(IReadOnlyList<NodeProcess> nodes)
    {
        var shuffled = nodes.OrderBy(_ => _random.Next()).ToList();
        var side = shuffled.Take(1 + _random.Next(nodes.Count - 1)).ToHashSet();
        foreach (var a in side)
        {
            foreach (var b in nodes.Where(n => !side.Contains(n)))
            {
                await AdminAsync(a, HttpMethod.Post, $"/admin/links/{b.NodeId}/hold", null);
                await AdminAsync(b, HttpMethod.Post, $"/admin/links/{a.NodeId}/hold", null);
            }
        }

        var split = $"[{string.Join(",", side.Select(n => n.NodeId).Order())}] | " +
            $"[{string.Join(",", nodes.Where(n => !side.Contains(n)).Select(n => n.NodeId).Order())}]";
        history.Fault("partition", split);
        _healing.Add((2 + _random.Next(4), "partition healed", split, async () =>
        {
            foreach (var a in side)
            {
                foreach (var b in nodes.Where(n => !side.Contains(n)))
                {
                    await AdminAsync(a, HttpMethod.Post, $"/admin/links/{b.NodeId}/release", null);
                    await AdminAsync(b, HttpMethod.Post, $"/admin/links/{a.NodeId}/release", null);
                }
            }
        }));
    }

    private async Task AdminAsync(NodeProcess node, HttpMethod method, string path, object? body)
    {
        if (!node.Running)
        {
            return; // A killed node's links are reset by its restart anyway.
        }

        using var request = new HttpRequestMessage(method, new Uri(node.Address, path))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ProcessCluster.ClusterKey);
        try
        {
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{method} {path} at {node.NodeId}: {(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException) when (!node.Running)
        {
            // It died between the check and the call.
        }
        catch (TaskCanceledException)
        {
            // Too busy to answer in time: the fault may or may not be in place, and the record says so.
            history.Fault("unconfirmed", $"{method} {path} at {node.NodeId} timed out");
        }
    }
}
