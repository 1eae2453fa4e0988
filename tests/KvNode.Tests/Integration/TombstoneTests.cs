using System.Net;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// Deletes do not cost memory forever: a tombstone is forgotten once causally stable (every write still to come
/// follows it), never before: a late write concurrent with the delete must still lose to it on every node.
/// </summary>
[Collection(MetricsReadAlone.Name)]
public sealed class TombstoneTests
{
    private static readonly Dictionary<string, string?> NoGrace = new() { ["Kv:TombstoneGrace"] = "00:00:00", ["Kv:Replication:ClockExchangeInterval"] = "00:00:00.050" };

    [Fact]
    public async Task A_create_and_delete_workload_leaves_no_keys_and_no_tombstones_on_any_node()
    {
        var data = Directory.CreateTempSubdirectory("kv-tombstones-").FullName;
        try
        {
            await using var cluster = await KvCluster.StartAsync(3, NoGrace, data);
            using var http = new HttpClient();
            var session = new KvSession(http);
            long[] snapshotBytes = new long[3];
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < 100; i++)
                {
                    var key = $"k{round}-{i}";
                    await session.PutAsync(cluster.Nodes[i % 3].Address, key, new string('v', 100));
                    await session.DeleteAsync(cluster.Nodes[(i + 1) % 3].Address, key);
                }

                foreach (var node in cluster.Nodes)
                {
                    await Signals.UntilAsync(node.Node.TombstonesForgotten, () => node.Node.Status() is { Keys: 0, Tombstones: 0 },
                        $"{node.NodeId} forgot round {round}'s deletes");
                }

                snapshotBytes[round] = (await cluster["kv1"].Node.SnapshotNow()!).Bytes;
            }

            // 300 keys written and deleted, and the state a snapshot saves is as small after the third round as after the
            // first: only the clock's counters grew by a digit (one kept tombstone would add over 100 bytes).
            Assert.InRange(snapshotBytes[2] - snapshotBytes[0], 0, 32);
            var scrape = await http.GetStringAsync(new Uri(cluster["kv2"].Address, "/metrics"));
            Assert.Matches("""(?m)^kv_tombstones\{[^}]*node="kv2"[^}]*\} 0( |$)""", scrape);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_late_write_concurrent_with_a_delete_still_loses_to_it_everywhere_because_the_tombstone_waits_for_it()
    {
        await using var cluster = await KvCluster.StartAsync(3, NoGrace);
        using var http = new HttpClient();

        // kv2 writes x, but its links are held: the write stays at kv2 for now.
        await cluster["kv2"].HoldAsync("kv1");
        await cluster["kv2"].HoldAsync("kv3");
        await new KvSession(http).PutAsync(cluster["kv2"].Address, "x", "late");

        // kv1 writes and deletes x, unaware of kv2's write: concurrent with it, and later by Lamport time, so it wins.
        var kv1 = new KvSession(http);
        await kv1.PutAsync(cluster["kv1"].Address, "x", "1");
        var delete = await kv1.DeleteAsync(cluster["kv1"].Address, "x");
        var deleted = delete.Item!.Clock;
        await Signals.UntilAsync(cluster["kv2"].Node.ClockAdvanced, () => cluster["kv2"].Node.Clock.Covers(deleted), "kv2 delivered the delete");
        await Signals.UntilAsync(cluster["kv3"].Node.ClockAdvanced, () => cluster["kv3"].Node.Clock.Covers(deleted), "kv3 delivered the delete");
        var links = cluster["kv1"].Services.GetRequiredService<PeerLinks>().All;
        await Signals.UntilAsync(links["kv2"].Acknowledged, () => links["kv2"].Acked >= 2, "kv1 heard kv2's clock");
        await Signals.UntilAsync(links["kv3"].Acknowledged, () => links["kv3"].Acked >= 2, "kv1 heard kv3's clock");

        // Every node has the delete, but kv2's concurrent write has not reached kv1: kv1 must keep the tombstone.
        Assert.Equal(1, cluster["kv1"].Node.Status().Tombstones);

        await cluster["kv2"].ReleaseAsync("kv1");
        await cluster["kv2"].ReleaseAsync("kv3");
        foreach (var node in cluster.Nodes)
        {
            await Signals.UntilAsync(node.Node.TombstonesForgotten, () => node.Node.Status() is { Keys: 0, Tombstones: 0 }, $"{node.NodeId} forgot the delete");
        }

        foreach (var node in cluster.Nodes)
        {
            var read = await new KvSession(http).GetAsync(node.Address, "x");
            Assert.Equal(HttpStatusCode.NotFound, read.Status); // the late write lost everywhere, and nothing remains
        }
    }

    [Fact]
    public async Task A_node_without_peers_forgets_its_deletes_as_it_keeps_writing()
    {
        await using var cluster = await KvCluster.StartAsync(1, NoGrace);
        using var http = new HttpClient();
        var session = new KvSession(http);
        var kv1 = cluster["kv1"];

        await session.PutAsync(kv1.Address, "x", "1");
        await session.DeleteAsync(kv1.Address, "x");
        await session.PutAsync(kv1.Address, "y", "2"); // no acks, no peers' writes: the next write is what looks again

        Assert.Equal((1, 0), (kv1.Node.Status().Keys, kv1.Node.Status().Tombstones));
    }
}
