using System.Net;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Tests.Integration;

namespace GridAspire.KvNode.Tests.Durability;

/// <summary>A node that loses its data directory rejoins by itself, as a new incarnation, with real nodes over HTTP.</summary>
public sealed class RejoinTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("kv-rejoin-").FullName;

    [Fact]
    public async Task A_node_that_lost_its_disk_rejoins_as_a_new_incarnation_with_its_peers_state_and_never_reuses_a_counter()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        var old = new KvSession(http);
        var before = await old.PutAsync(cluster["kv1"].Address, "x", "1");
        await new KvSession(http).PutAsync(cluster["kv1"].Address, "x", "2");
        var fromKv2 = await new KvSession(http).PutAsync(cluster["kv2"].Address, "p", "peer");
        await cluster.WaitForAllAsync(fromKv2.Item!.Clock.Merge(VectorClock.From([KeyValuePair.Create("kv1", 2L)])));

        await cluster["kv1"].DisposeAsync();
        var whileDown = await new KvSession(http).PutAsync(cluster["kv3"].Address, "d", "while-down");
        var kv1 = await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank"));

        Assert.Equal("kv1.2", kv1.Node.WriterId);
        Assert.Equal("2", (await kv1.Node.ReadAsync("x"))?.Value); // its own old writes, from a peer's state
        Assert.Equal("peer", (await kv1.Node.ReadAsync("p"))?.Value);
        var written = await new KvSession(http).PutAsync(kv1.Address, "y", "new");
        Assert.Equal(HttpStatusCode.OK, written.Status);
        Assert.Equal(1, written.Item!.Clock["kv1.2"]); // a fresh entry: (kv1, 1) and (kv1, 2) stay the old writes'
        // The old writes are in its causal past: named, or left out once every peer reported having them all (pruned).
        Assert.True(written.Item.Clock["kv1"] == 2 || (written.Item.Clock["kv1"] == 0 && kv1.Node.Clock["kv1"] == 2), $"kv1.2's first write has {written.Item.Clock}");
        await cluster.WaitForAllAsync(written.Item.Clock.Merge(whileDown.Item!.Clock));
        Assert.Equal("new", (await cluster["kv3"].Node.ReadAsync("y"))?.Value);
        Assert.Equal("while-down", (await kv1.Node.ReadAsync("d"))?.Value);

        // Every peer learns that the new incarnation has all of its writes, even those it had trimmed and cannot re-send.
        foreach (var peer in new[] { cluster["kv2"], cluster["kv3"] })
        {
            var link = peer.Services.GetRequiredService<GridAspire.KvNode.Replication.PeerLinks>().All["kv1"];
            await Signals.UntilAsync(link.Acknowledged, () => link.Acked == peer.Node.Readings.OwnWrites, $"{peer.NodeId} sees kv1.2 has all its writes");
        }

        // Its peers keep replicating to it: their own writes made after it came back reach it too.
        var after = await new KvSession(http).PutAsync(cluster["kv2"].Address, "q", "after");
        await cluster.WaitForAllAsync(after.Item!.Clock);

        // Once every node reports the same writes of the lost incarnation, new clocks stop carrying its entry.
        var kv2 = cluster["kv2"];
        await Signals.UntilAsync(kv2.Node.PeerClockObserved, () => kv2.Node.Readings.PrunedIncarnations == 1, "kv2 prunes kv1's lost incarnation");
        var pruned = await new KvSession(http).PutAsync(kv2.Address, "p", "pruned");
        Assert.DoesNotContain("kv1", pruned.Item!.Clock.Nodes);
        Assert.Equal(1, pruned.Item.Clock["kv1.2"]);
        await cluster.WaitForAllAsync(pruned.Item.Clock);
        Assert.Equal(2, kv2.Node.Clock["kv1"]); // the delivered clock keeps it: contexts naming kv1:2 are still met
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync(kv2.Address, "x")).Status); // a context from before the loss

        // A plain restart keeps the incarnation; a second lost disk takes the next one.
        kv1 = await cluster.RestartAsync("kv1");
        Assert.Equal("kv1.2", kv1.Node.WriterId);
        Assert.Equal(1, kv1.Node.Readings.OwnWrites);
        kv1 = await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank-again"));
        Assert.Equal("kv1.3", kv1.Node.WriterId);
        Assert.Equal("new", (await kv1.Node.ReadAsync("y"))?.Value);
        Assert.Equal("1", before.Item!.Value);
    }

    [Fact]
    public async Task A_node_whose_only_writes_never_left_its_disk_still_takes_a_new_incarnation()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        await cluster["kv1"].HoldAsync("kv2");
        await cluster["kv1"].HoldAsync("kv3");
        var session = new KvSession(http);
        var lost = await session.PutAsync(cluster["kv1"].Address, "x", "only-here");
        Assert.Equal(1, lost.Item!.Clock["kv1"]);

        // No peer has a write of kv1, but each was told at kv1's first start that it exists.
        var kv1 = await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank"));
        var next = await new KvSession(http).PutAsync(kv1.Address, "x", "new");

        Assert.Equal("kv1.2", kv1.Node.WriterId);
        Assert.DoesNotContain("kv1", next.Item!.Clock.Nodes); // (kv1, 1) is the lost write's for ever
        Assert.Equal(HttpStatusCode.Gone, (await session.GetAsync(kv1.Address, "x")).Status);
    }

    [Fact]
    public async Task Writes_of_a_lost_incarnation_that_reached_only_some_nodes_are_handed_on_to_the_others()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        await cluster["kv1"].HoldAsync("kv3");
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "a", "1");
        await session.PutAsync(cluster["kv1"].Address, "b", "2");
        var dependent = await session.PutAsync(cluster["kv2"].Address, "c", "after-a-and-b"); // kv3 must buffer it
        await Signals.UntilAsync(cluster["kv3"].Node.Received, () => cluster["kv3"].Node.Status().Buffered == 1, "kv3 buffers kv2's write");

        // kv1 loses its disk before kv3 ever got a and b: only kv2 still has them.
        var kv1 = await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank"));

        Assert.Equal("kv1.2", kv1.Node.WriterId);
        await cluster.WaitForAllAsync(dependent.Item!.Clock);
        Assert.Equal("1", (await cluster["kv3"].Node.ReadAsync("a"))?.Value);
        Assert.Equal("after-a-and-b", (await cluster["kv3"].Node.ReadAsync("c"))?.Value);
        Assert.Empty(cluster["kv3"].Node.Status().BufferedWrites);
    }

    [Fact]
    public async Task A_buffered_write_of_a_lost_incarnation_waiting_for_a_write_no_node_has_is_dropped_once_every_node_agrees()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        var first = await new KvSession(http).PutAsync(cluster["kv1"].Address, "a", "1");
        await cluster.WaitForAllAsync(first.Item!.Clock);
        // kv1's third write reaches kv2 (its second never does): kv2 buffers it, waiting for kv1:2.
        await ReplicateAsync(cluster["kv2"], """{"from":"kv1","writes":[{"origin":"kv1","clock":{"kv1":3},"lamport":3,"key":"c","value":"never-deliverable"}]}""");

        Assert.Equal(1, cluster["kv2"].Node.Status().Buffered);

        // kv1 loses its disk: kv1:2 is gone for good, so kv1:3 can never be delivered anywhere.
        var kv1 = await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank"));

        Assert.Equal("kv1.2", kv1.Node.WriterId);
        await DroppedAsync(cluster["kv2"]);
        Assert.Null(await cluster["kv2"].Node.ReadAsync("c"));
        var after = await new KvSession(http).PutAsync(cluster["kv2"].Address, "d", "still-works");
        await cluster.WaitForAllAsync(after.Item!.Clock);
    }

    [Fact]
    public async Task A_buffered_write_that_read_a_write_no_node_has_is_dropped_once_every_node_agrees_whoever_wrote_it()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        var first = await new KvSession(http).PutAsync(cluster["kv1"].Address, "a", "1");
        await cluster.WaitForAllAsync(first.Item!.Clock);
        // A write of kv3's that read kv1:2 reaches kv2, which never gets kv1:2 (as when kv3's writer lost its disk too).
        await ReplicateAsync(cluster["kv2"], """{"from":"kv3","writes":[{"origin":"kv3","clock":{"kv1":2,"kv3":1},"lamport":3,"key":"c","value":"read-a-lost-write"}]}""");

        Assert.Equal(1, cluster["kv2"].Node.Status().Buffered);

        // kv1 loses its disk: kv1:2 is gone for good, so the write that read it can never be delivered anywhere.
        await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank"));

        await DroppedAsync(cluster["kv2"]);
        Assert.Null(await cluster["kv2"].Node.ReadAsync("c"));
    }

    [Fact]
    public async Task The_rejoined_node_takes_its_own_lost_incarnations_writes_from_whichever_peer_has_them()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        await cluster["kv1"].HoldAsync("kv2");
        await cluster["kv2"].HoldAsync("kv3");
        var a = await new KvSession(http).PutAsync(cluster["kv1"].Address, "a", "only-kv3-has-it");
        await cluster["kv3"].Node.WaitForAsync(a.Item!.Clock, TimeSpan.FromSeconds(10), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await new KvSession(http).PutAsync(cluster["kv2"].Address, $"p{i}", "kv2"); // kv2 has delivered more: kv1 takes its state
        }

        var kv1 = await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank"));
        var after = await new KvSession(http).PutAsync(cluster["kv3"].Address, "c", "after-a"); // kv1.2 and kv2 must get a first

        Assert.Equal("kv1.2", kv1.Node.WriterId);
        await cluster["kv2"].ReleaseAsync("kv3");
        await cluster.WaitForAllAsync(after.Item!.Clock.Merge(cluster["kv2"].Node.Clock));
        Assert.Equal("only-kv3-has-it", (await kv1.Node.ReadAsync("a"))?.Value);
        Assert.Equal("only-kv3-has-it", (await cluster["kv2"].Node.ReadAsync("a"))?.Value);
    }

    [Fact]
    public async Task Until_it_knows_its_incarnation_an_empty_node_takes_peer_writes_that_name_its_lost_ones()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        var kv1 = await RestartKv1OnBlankDiskOutOfReachOfKv3Async(cluster);
        using var admin = kv1.Admin();
        using var response = await admin.PostAsJsonAsync("/internal/replicate", new
        {
            from = "kv2",
            writes = new[] { new { origin = "kv2", clock = new { kv1 = 1, kv2 = 1 }, lamport = 2, key = "y", value = "after-x" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // not 400 "from the future": kv1:1 was real, and is gone
        Assert.Single(kv1.Node.Status().BufferedWrites);
        Assert.NotNull(kv1.Node.Writes.Refusal);
    }

    [Fact]
    public async Task An_empty_node_that_has_not_rejoined_yet_refuses_to_hand_out_its_state()
    {
        // A peer that took the (empty) state of a kv1 that cannot rejoin yet would rejoin with nothing.
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        var kv1 = await RestartKv1OnBlankDiskOutOfReachOfKv3Async(cluster);
        using var admin = kv1.Admin();
        using var response = await admin.PostAsJsonAsync("/internal/state", new { from = "kv2", known = new { } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("rejoining", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    // kv1 wrote x, lost its disk and came back with kv3 out of reach: it cannot settle its incarnation yet.
    private async Task<KvTestNode> RestartKv1OnBlankDiskOutOfReachOfKv3Async(KvCluster cluster)
    {
        using var http = new HttpClient();
        await new KvSession(http).PutAsync(cluster["kv1"].Address, "x", "1");
        return await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank"), waitForWrites: false,
            settings: new Dictionary<string, string?> { ["Kv:Peers:kv3"] = "http://127.0.0.1:1" });
    }

    [Fact]
    public async Task A_context_that_needs_a_write_lost_with_a_disk_gets_410_at_once_not_a_wait()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        var shared = await new KvSession(http).PutAsync(cluster["kv1"].Address, "s", "everywhere");
        await cluster.WaitForAllAsync(shared.Item!.Clock);
        await cluster["kv1"].HoldAsync("kv2");
        await cluster["kv1"].HoldAsync("kv3");
        var session = new KvSession(http);
        var lost = await session.PutAsync(cluster["kv1"].Address, "l", "only-on-kv1"); // acknowledged: on kv1's disk only
        Assert.Equal(HttpStatusCode.OK, lost.Status);

        var kv1 = await cluster.RestartAsync("kv1", dataDir: Path.Combine(_data, "kv1-blank"));
        var needed = lost.Item!.Clock;
        var kv2 = cluster["kv2"];
        await Signals.UntilAsync(kv2.Node.PeerClockObserved, () => kv2.Rejoin.LostWrites(needed) is not null, "kv2 knows what every node holds of kv1");

        using var counters = new NodeCounters(kv2);
        var read = await session.GetAsync(kv2.Address, "s");
        Assert.Equal(HttpStatusCode.Gone, read.Status);
        Assert.Contains("kv1:2", read.Problem, StringComparison.Ordinal);
        Assert.Equal(1, counters.Total("kv.context.lost"));
        Assert.Equal(0, counters.Total("kv.context.timeouts")); // answered at once, not after waiting for the context
        Assert.Equal("everywhere", (await new KvSession(http).GetAsync(kv1.Address, "s")).Item?.Value); // without the context, fine
        Assert.Equal(HttpStatusCode.NotFound, (await new KvSession(http).GetAsync(kv1.Address, "l")).Status);
    }

    // Posts a replication batch to a node as a peer would (the cluster key), for writes no real node made.
    private static async Task ReplicateAsync(KvTestNode node, string batch)
    {
        using var admin = node.Admin();
        using var sent = await admin.PostAsJsonAsync("/internal/replicate", System.Text.Json.JsonDocument.Parse(batch).RootElement);
        sent.EnsureSuccessStatusCode();
    }

    private static Task DroppedAsync(KvTestNode node) =>
        Signals.UntilAsync(node.Node.PeerClockObserved, () => node.Node.Status().Buffered == 0, $"{node.NodeId} drops the undeliverable write", TimeSpan.FromSeconds(30));

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
