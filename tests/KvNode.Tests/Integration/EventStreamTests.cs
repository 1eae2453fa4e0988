using System.Net;
using GridAspire.KvClient.Scenario;
using GridAspire.KvNode.Events;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary><c>GET /events</c> over real HTTP between real nodes: what the causality explorer draws.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task The_causal_scenario_shows_the_early_write_buffered_on_kv3_and_delivered_after_its_dependency()
    {
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?> { ["Kv:ContextWaitTimeout"] = "00:00:00.300" });
        await using var kv1 = await EventWatcher.StartAsync(cluster["kv1"]);
        await using var kv2 = await EventWatcher.StartAsync(cluster["kv2"]);
        await using var kv3 = await EventWatcher.StartAsync(cluster["kv3"]);
        using var http = new HttpClient();
        var reporter = new RecordingReporter();

        Assert.True(await new CausalScenario(
            http, KvCluster.ClusterKey, cluster.Nodes.ToDictionary(n => n.NodeId, n => n.Address), reporter, TimeProvider.System).RunAsync());

        var x = reporter.Keys.Single(k => k.StartsWith("x-", StringComparison.Ordinal));
        var y = reporter.Keys.Single(k => k.StartsWith("y-", StringComparison.Ordinal));
        var yDelivered = await kv3.WaitForAsync(e => e.Kind == NodeEventKind.Delivered && e.Key == y, $"kv3 delivers {y}");
        var events = kv3.Events;
        var yBuffered = events.Single(e => e.Kind == NodeEventKind.Buffered && e.Key == y);
        var xDelivered = events.Single(e => e.Kind == NodeEventKind.Delivered && e.Key == x);
        Assert.True(yBuffered.Id < xDelivered.Id && xDelivered.Id < yDelivered.Id, "kv3: y buffered, then x delivered, then y delivered");
        Assert.Equal(xDelivered.Id + 1, yDelivered.Id); // released by x's arrival, in the same step
        Assert.Equal("kv1", Assert.Single(yBuffered.Missing!.Entries).Key); // what held y: x, kv1's write
        Assert.Equal(1, yBuffered.Missing!["kv1"]);
        Assert.Equal(0, yBuffered.Clock["kv1"]);
        Assert.Equal(1, yDelivered.Clock["kv1"]);
        Assert.Equal(1, yDelivered.Clock["kv2"]);

        // The arrow: kv3's receive that carried y names the send on kv2 that it came from.
        var received = events.Last(e => e.Kind == NodeEventKind.Receive && e.Id < yBuffered.Id);
        Assert.Equal("kv2", received.Peer);
        var sent = kv2.Events.Single(e => e.Id == received.SentAs);
        Assert.Equal((NodeEventKind.Send, "kv3"), (sent.Kind, sent.Peer));
        Assert.Contains($"kv2:{yBuffered.Sequence}", sent.Writes!);

        // The other lanes: kv1 wrote x and its link to kv3 was held, then released.
        Assert.Contains(kv1.Events, e => e.Kind == NodeEventKind.Write && e.Key == x && e.Detail == "put");
        var linkChanges = kv1.Events.Where(e => e.Kind == NodeEventKind.Link && e.Peer == "kv3").Select(e => e.Detail).ToList();
        Assert.Equal(["held", "released"], linkChanges.Take(2));
        Assert.All([kv1, kv2, kv3], w => Assert.Equal(Enumerable.Range(1, w.Events.Count).Select(i => (long)i), w.Events.Select(e => e.Id)));
    }

    [Fact]
    public async Task A_watcher_that_reconnects_gets_what_it_missed_and_a_stranger_gets_401()
    {
        await using var cluster = await KvCluster.StartAsync(1);
        var node = cluster["kv1"];
        long lastSeen;
        await using (var first = await EventWatcher.StartAsync(node))
        {
            using var client = node.Http();
            (await client.PutAsJsonAsync("/kv/a", new { value = "1" })).EnsureSuccessStatusCode();
            lastSeen = (await first.WaitForAsync(e => e.Key == "a", "the first write")).Id;
        }

        var feed = node.Services.GetRequiredService<NodeEventFeed>();
        await Signals.UntilAsync(feed.WatchersChanged, () => feed.Watchers == 0, "the node notices the watcher left");

        // Recording goes on while another watcher is connected; the reconnecting one resumes after its last id.
        await using var other = await EventWatcher.StartAsync(node);
        using (var client = node.Http())
        {
            (await client.PutAsJsonAsync("/kv/b", new { value = "2" })).EnsureSuccessStatusCode();
        }

        await using var resumed = await EventWatcher.StartAsync(node, lastEventId: lastSeen);
        var b = await resumed.WaitForAsync(e => e.Key == "b", "the missed write");
        Assert.DoesNotContain(resumed.Events, e => e.Key == "a");
        Assert.Equal(lastSeen + 1, b.Id);

        using var stranger = node.Http();
        using var refused = await stranger.GetAsync("/events");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
