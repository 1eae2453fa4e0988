using System.Net;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Replication;
using GridAspire.KvNode.Storage;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class ReplicationTests
{
    [Fact]
    public async Task Writes_lost_on_a_dropping_link_are_resent_until_delivered()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        var kv1 = cluster["kv1"];
        await kv1.ConfigureLinkAsync("kv2", new { dropRate = 0.6, seed = 7 });
        using var http = new HttpClient();
        var session = new KvSession(http);

        for (var i = 0; i < 30; i++)
        {
            Assert.True((await session.PutAsync(kv1.Address, $"k{i}", $"v{i}")).IsSuccess);
        }

        await cluster.WaitForAllAsync(VectorClock.From([KeyValuePair.Create("kv1", 30L)]));
        var link = kv1.Services.GetRequiredService<PeerLinks>().All["kv2"];
        await Signals.UntilAsync(link.Acknowledged, () => link.Acked == 30, "kv2 acknowledged all 30 writes");
        var status = await kv1.StatusAsync();
        Assert.Equal(30, status.Peers["kv2"].Acked);
        Assert.Equal(0, status.Peers["kv2"].Pending);
        Assert.Equal("v29", (await new KvSession(http).GetAsync(cluster["kv2"].Address, "k29")).Item?.Value);
    }

    [Fact]
    public async Task A_held_link_never_blocks_the_origin_or_its_other_peers()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        var kv1 = cluster["kv1"];
        await kv1.HoldAsync("kv3");
        using var http = new HttpClient();

        var write = await new KvSession(http).PutAsync(kv1.Address, "x", "1");

        Assert.True(write.IsSuccess);
        var x = VectorClock.From([KeyValuePair.Create("kv1", 1L)]);
        Assert.True(await cluster["kv2"].Node.WaitForAsync(x, TimeSpan.FromSeconds(10), CancellationToken.None));
        var status = await kv1.StatusAsync();
        Assert.Equal(1, status.Peers["kv3"].Pending);
        Assert.False(cluster["kv3"].Node.Clock.Covers(x));

        await kv1.ReleaseAsync("kv3");
        await cluster.WaitForAllAsync(x);
    }

    [Fact]
    public async Task A_peer_that_was_down_catches_up_when_it_returns()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        var kv1 = cluster["kv1"];
        await cluster["kv2"].DisposeAsync();
        using var http = new HttpClient();

        var write = await new KvSession(http).PutAsync(kv1.Address, "x", "while-down");
        Assert.True(write.IsSuccess);
        Assert.Equal(1, (await kv1.StatusAsync()).Peers["kv2"].Pending);
        await using var restarted = new KvTestNode("kv2", cluster["kv2"].Address.Port, new Dictionary<string, string?>
        {
            ["Kv:NodeId"] = "kv2",
            ["Kv:ClusterKey"] = KvCluster.ClusterKey,
            ["Kv:Peers:kv1"] = kv1.Address.ToString(),
        });
        restarted.StartServer();
        Assert.True(await restarted.Node.WaitForAsync(
            VectorClock.From([KeyValuePair.Create("kv1", 1L)]), TimeSpan.FromSeconds(15), CancellationToken.None));
        Assert.Equal("while-down", (await restarted.Node.ReadAsync("x"))?.Value);
    }

    [Fact]
    public async Task Five_nodes_with_jittery_reordering_links_deliver_a_causal_chain_everywhere_in_order()
    {
        await using var cluster = await KvCluster.StartAsync(5);
        foreach (var node in cluster.Nodes)
        {
            foreach (var peer in cluster.Nodes.Where(p => p != node))
            {
                await node.ConfigureLinkAsync(peer.NodeId, new { jitterMs = 20, reorder = true, seed = peer.NodeId.GetHashCode(StringComparison.Ordinal) });
            }
        }

        using var http = new HttpClient();
        var session = new KvSession(http);
        KvItem? last = null;
        for (var i = 0; i < 20; i++)
        {
            var node = cluster.Nodes[i % 5];
            var result = await session.PutAsync(node.Address, "chain", $"{i}");
            Assert.Equal(HttpStatusCode.OK, result.Status);
            last = result.Item;
        }

        var final = last!.Clock;
        await cluster.WaitForAllAsync(final, TimeSpan.FromSeconds(20));
        foreach (var n in cluster.Nodes)
        {
            Assert.Equal("19", (await n.Node.ReadAsync("chain"))?.Value);
        }
        foreach (var node in cluster.Nodes)
        {
            var deliveries = (await node.StatusAsync()).RecentDeliveries.Where(d => d.Key == "chain").Select(d => d.Clock).ToList();
            for (var i = 1; i < deliveries.Count; i++)
            {
                Assert.True(deliveries[i - 1].HappenedBefore(deliveries[i]), $"{node.NodeId} delivered {deliveries[i - 1]} then {deliveries[i]}");
            }
        }
    }

    [Fact]
    public async Task Concurrent_writes_to_one_key_converge_to_the_same_value_everywhere()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        await cluster["kv1"].HoldAsync("kv2");
        await cluster["kv2"].HoldAsync("kv1");
        using var http = new HttpClient();

        var a = await new KvSession(http).PutAsync(cluster["kv1"].Address, "k", "from-kv1");
        var b = await new KvSession(http).PutAsync(cluster["kv2"].Address, "k", "from-kv2");
        await cluster["kv1"].ReleaseAsync("kv2");
        await cluster["kv2"].ReleaseAsync("kv1");
        await cluster.WaitForAllAsync(a.Item!.Clock.Merge(b.Item!.Clock));

        var values = new List<StoredVersion>();
        foreach (var n in cluster.Nodes)
        {
            var version = await n.Node.ReadAsync("k");
            Assert.NotNull(version);
            values.Add(version.Value);
        }
        Assert.Single(values.Select(v => v.Value).Distinct());
        Assert.All(values, v => Assert.True(v.SupersededConcurrent));
        var read = await new KvSession(http).GetAsync(cluster["kv3"].Address, "k");
        Assert.True(read.Item!.SupersededConcurrent);
    }
}
