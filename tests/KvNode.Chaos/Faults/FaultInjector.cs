using GridAspire.Contracts.Kv;
using GridAspire.KvClient.Client;
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
/// restarts empty and must rejoin as a new incarnation; the writes it alone held are lost, and only those. With
/// <paramref name="membership"/>, the membership changes too: a new node joins through a member under load, a killed node
/// is removed for good instead of restarted (its writes no remaining node holds are lost, and only those), and a node
/// leaves (it may not be able to while partitioned: then it says so and stays).
/// </summary>
public sealed class FaultInjector(ProcessCluster cluster, int seed, HttpClient http, HistoryRecorder history, bool membership = false)
{
    private readonly Random _random = new(HashCode.Combine(seed, "faults"));
    private readonly KvNodeClient _client = new(http, ProcessCluster.ClusterKey);
    private readonly List<(int StepsLeft, string Kind, string What, Func<Task> Undo)> _healing = [];
    private readonly MembershipFaults? _membership = membership ? new MembershipFaults(cluster, http, history, new Random(HashCode.Combine(seed, "membership"))) : null;
    private NodeProcess? _down;
    private int _downFor;
    private int _opening;
    private bool _removeNext;

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
            await AdminAsync(node, "/admin/disk/resume", c => _client.SetDiskStalledAsync(node.Address, stalled: false, c));
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
            if (_membership is not null && (_removeNext || _random.Next(2) == 0) && cluster.Nodes.Count(n => n != down) >= 2
                && await _membership.RemoveAsync(down))
            {
                _down = null;
                _removeNext = false;
                return;
            }

            _removeNext = false;
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
        // A membership run opens with one of each change, whatever the timing cuts short later: a leave, a kill whose node
        // is removed at the next step, a join (then they come at random too).
        if (_membership is not null && _opening < 3)
        {
            var done = await OpenWithMembershipAsync(_opening++, nodes, from);
            if (done)
            {
                return;
            }
        }

        switch (_random.Next(8))
        {
            case 0:
                await LinkAsync("delay", from, to, new LinkFaultSettings(DelayMs: _random.Next(0, 80), JitterMs: _random.Next(0, 150), Seed: _random.Next()));
                break;
            case 1:
                await LinkAsync("drop", from, to, new LinkFaultSettings(DropRate: Math.Round(0.2 + (0.6 * _random.NextDouble()), 2), Seed: _random.Next()));
                break;
            case 2:
                await LinkAsync("reorder", from, to, new LinkFaultSettings(JitterMs: _random.Next(20, 120), Reorder: true, Seed: _random.Next()));
                break;
            case 3:
                await HoldAsync(from, to, held: true);
                history.Fault("hold", $"{from.NodeId}->{to.NodeId}");
                _healing.Add((2 + _random.Next(4), "release", $"{from.NodeId}->{to.NodeId}", () => HoldAsync(from, to, held: false)));
                break;
            case 4:
                await PartitionAsync(nodes);
                break;
            case 6:
                await AdminAsync(from, "/admin/disk/stall", c => _client.SetDiskStalledAsync(from.Address, stalled: true, c));
                history.Fault("disk stall", from.NodeId);
                _healing.Add((1 + _random.Next(3), "disk resumed", from.NodeId,
                    () => AdminAsync(from, "/admin/disk/resume", c => _client.SetDiskStalledAsync(from.Address, stalled: false, c))));
                break;
            case 7 when _membership is not null:
                if (!await _membership.ChangeAsync(nodes, from, _down))
                {
                    await ReleaseAsync(from, nodes.First(n => n != from));
                }

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

    // The opening changes of a membership run: 0 a leave (while four or more are members), 1 a kill whose node is removed
    // at the next step, 2 a join. False when the change does not apply now (the random step is taken instead).
    private async Task<bool> OpenWithMembershipAsync(int change, IReadOnlyList<NodeProcess> nodes, NodeProcess from)
    {
        switch (change)
        {
            case 0:
                return await _membership!.LeaveAsync(nodes, from, _down);
            case 2:
                return await _membership!.JoinAsync(nodes);
            case 1 when _down is null && from.Running:
                _down = from;
                _downFor = 1; // removed at the next step: a short run must see it too
                _removeNext = true;
                await from.KillAsync();
                history.Fault("kill", $"{from.NodeId} (SIGKILL)");
                return true;
            default:
                return false;
        }
    }

    private async Task LinkAsync(string kind, NodeProcess from, NodeProcess to, LinkFaultSettings settings)
    {
        await AdminAsync(from, $"/admin/links/{to.NodeId}", c => _client.ConfigureLinkAsync(from.Address, to.NodeId, settings, c), to);
        history.Fault(kind, $"{from.NodeId}->{to.NodeId} {settings}");
    }

    private Task HoldAsync(NodeProcess from, NodeProcess to, bool held) =>
        AdminAsync(from, $"/admin/links/{to.NodeId}/{(held ? "hold" : "release")}", c => _client.SetLinkHeldAsync(from.Address, to.NodeId, held, c), to);

    private async Task ReleaseAsync(NodeProcess from, NodeProcess to)
    {
        await ClearLinkAsync(from, to);
        history.Fault("release", $"{from.NodeId}->{to.NodeId}");
    }

    // No delay, jitter, drop or reorder, and not held.
    private async Task ClearLinkAsync(NodeProcess from, NodeProcess to)
    {
        await AdminAsync(from, $"/admin/links/{to.NodeId}", c => _client.ConfigureLinkAsync(from.Address, to.NodeId, LinkFaultSettings.None, c), to);
        await HoldAsync(from, to, held: false);
    }

    private async Task PartitionAsync(IReadOnlyList<NodeProcess> nodes)
    {
        var shuffled = nodes.OrderBy(_ => _random.Next()).ToList();
        var side = shuffled.Take(1 + _random.Next(nodes.Count - 1)).ToHashSet();
        foreach (var a in side)
        {
            foreach (var b in nodes.Where(n => !side.Contains(n)))
            {
                await HoldAsync(a, b, held: true);
                await HoldAsync(b, a, held: true);
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
                    await HoldAsync(a, b, held: false);
                    await HoldAsync(b, a, held: false);
                }
            }
        }));
    }

    private async Task AdminAsync(NodeProcess node, string path, Func<CancellationToken, Task<KvResult>> call, NodeProcess? peer = null)
    {
        if (!node.Running)
        {
            return; // A killed node's links are reset by its restart anyway.
        }

        if (!cluster.Nodes.Contains(node) || (peer is not null && !cluster.Nodes.Contains(peer)))
        {
            return; // Removed, or left: no link to it (or of it) is a member's any more.
        }

        try
        {
            var result = await call(CancellationToken.None);
            if (result.Status == System.Net.HttpStatusCode.NotFound && peer is not null)
            {
                // A member that joined moments ago is not known there yet: no link to fault.
                history.Fault("unconfirmed", $"{path} at {node.NodeId}: no such link yet");
                return;
            }

            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"{path} at {node.NodeId}: {(int)result.Status} {result.Problem}");
            }
        }
        catch (HttpRequestException) when (!node.Running)
        {
            // It died between the check and the call.
        }
        catch (TaskCanceledException)
        {
            // Too busy to answer in time: the fault may or may not be in place, and the record says so.
            history.Fault("unconfirmed", $"{path} at {node.NodeId} timed out");
        }
    }
}
