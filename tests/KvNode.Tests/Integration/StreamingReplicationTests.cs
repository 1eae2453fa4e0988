using System.Diagnostics.Metrics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Chaos;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>A link streams its writes: several frames in flight, no pacing, and a frame it cannot take changes nothing.</summary>
public sealed class StreamingReplicationTests
{
    [Fact]
    public async Task Several_frames_are_in_flight_before_the_first_is_acknowledged()
    {
        // A stop-and-wait link would carry one frame (at most MaxBatchSize writes) per round trip.
        await using var cluster = await KvCluster.StartAsync(2, new Dictionary<string, string?> { ["Kv:Replication:MaxBatchSize"] = "10" });
        var kv1 = cluster["kv1"];
        var link = kv1.Services.GetRequiredService<PeerLinks>().All["kv2"];
        await kv1.ConfigureLinkAsync("kv2", new { delayMs = 5_000 });
        using var http = new HttpClient();
        var session = new KvSession(http);
        KvResult last = null!;
        for (var i = 0; i < 50; i++)
        {
            last = await session.PutAsync(kv1.Address, $"k{i}", $"{i}");
        }

        await Signals.UntilAsync(kv1.Node.OwnWritesDurable, () => link.InFlight == 50, "kv1 has sent all 50 writes", TimeSpan.FromSeconds(5));
        Assert.Equal(0, link.Acked); // none has arrived yet: five frames are on their way at once
        await kv1.ConfigureLinkAsync("kv2", new { });
        await cluster.WaitForAllAsync(last.Item!.Clock, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_full_window_asks_its_peer_again_when_the_writes_it_buffered_are_delivered_later()
    {
        // kv2's writes reach kv3 before their causal past (kv1's write, held on kv1's link to kv3): kv3 buffers them and
        // answers that it has delivered none. When kv1's write arrives kv3 delivers them, but kv2's window is full, so
        // kv2 sends no frame for kv3 to answer: unless it asks, it waits for an acknowledgement that never comes.
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?>
        {
            ["Kv:Replication:MaxInFlight"] = "2",
            ["Kv:Replication:MaxBatchSize"] = "1",
            ["Kv:Replication:ClockExchangeInterval"] = "00:00:00.200",
        });
        var (kv1, kv2, kv3) = (cluster["kv1"], cluster["kv2"], cluster["kv3"]);
        await kv1.HoldAsync("kv3");
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(kv1.Address, "x", "1");
        KvResult last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await session.PutAsync(kv2.Address, $"y{i}", $"{i}"); // the session carries x: each y follows it
        }

        var link = kv2.Services.GetRequiredService<PeerLinks>().All["kv3"];
        using var queries = new MetricCollector<long>(kv2.Services.GetRequiredService<IMeterFactory>(), "GridAspire.KvNode", "kv.replication.window.queries");
        await Signals.UntilAsync(kv3.Node.Received, () => kv3.Node.Status().Buffered == 2, "kv3 buffers the two writes kv2's window lets out");
        Assert.Equal(2, link.InFlight);
        await kv1.ReleaseAsync("kv3");
        await cluster.WaitForAllAsync(last.Item!.Clock, TimeSpan.FromSeconds(10));
        Assert.Contains(queries.GetMeasurementSnapshot(), m => m.Value == 1 && Equals(m.Tags["peer"], "kv3"));
    }

    [Fact]
    public async Task Writes_that_gathered_while_a_link_was_held_leave_in_one_frame()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        var kv1 = cluster["kv1"];
        using var sizes = new MetricCollector<long>(kv1.Services.GetRequiredService<IMeterFactory>(), "GridAspire.KvNode", "kv.replication.batch.size");
        await kv1.HoldAsync("kv2");
        using var http = new HttpClient();
        KvResult last = null!;
        for (var i = 0; i < 20; i++)
        {
            last = await new KvSession(http).PutAsync(kv1.Address, $"k{i}", $"{i}");
        }

        await kv1.ReleaseAsync("kv2");
        await cluster.WaitForAllAsync(last.Item!.Clock);

        Assert.Equal([20L], sizes.GetMeasurementSnapshot().Where(m => m.Value > 0).Select(m => m.Value));
    }

    [Fact]
    public async Task A_new_stream_is_told_only_deliveries_that_are_on_disk()
    {
        // Found by the wide-area chaos sweep (seed 2000): kv2 delivered kv1's writes while its disk was stalled, kv1
        // restarted, and kv2's first answer on the new stream gave its in-memory clock; kv1 took those writes as
        // acknowledged, kv2 was killed before the flush, and came back without them: kv1 never sent them again.
        var data = Directory.CreateTempSubdirectory("kv-hello-").FullName;
        await using var cluster = await KvCluster.StartAsync(2, dataRoot: data);
        var (kv1, kv2) = (cluster["kv1"], cluster["kv2"]);
        var disk = kv2.Services.GetRequiredService<DiskStall>();
        disk.Stall();
        try
        {
            await TellsOnlyDurableDeliveriesAsync(kv1, kv2, disk);
        }
        finally
        {
            disk.Resume(); // a node stops only once its journal's flusher can finish
        }
    }

    private static async Task TellsOnlyDurableDeliveriesAsync(KvTestNode kv1, KvTestNode kv2, DiskStall disk)
    {
        using var http = new HttpClient();
        await new KvSession(http).PutAsync(kv1.Address, "x", "1");
        await Signals.UntilAsync(kv2.Node.Received, () => kv2.Node.Clock["kv1"] == 1, "kv2 delivers x, not yet on its disk");

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + KvCluster.ClusterKey);
        await socket.ConnectAsync(PeerConnector.StreamUri(kv2.Address, "kv1"), CancellationToken.None);
        var connection = new PeerConnection(socket);
        var hello = connection.ReceiveAsync(ReplicationJsonContext.Default.ReplicationAck, CancellationToken.None);

        // While the disk is stalled the delivery is not durable, so no answer may count it. The old first answer came
        // at once; this bound only limits how long the test looks for it.
        Assert.NotSame(hello, await Task.WhenAny(hello, Task.Delay(TimeSpan.FromSeconds(1))));
        disk.Resume();
        var answer = await hello.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, answer!.Delivered["kv1"]);
        Assert.True(kv2.Services.GetRequiredService<INodeJournal>().Durable >= 1);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"from\":\"kv2\",\"writes\":[{\"origin\":\"kv1\",\"clock\":{\"kv1\":1},\"lamport\":1,\"key\":\"x\",\"value\":\"v\"}]}")]
    [InlineData("{\"from\":\"kv3\",\"writes\":[]}")]
    public async Task A_frame_the_stream_cannot_take_ends_it_and_changes_nothing(string frame)
    {
        await using var cluster = await KvCluster.StartAsync(2);
        var kv1 = cluster["kv1"];
        var before = kv1.Node.Status();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + KvCluster.ClusterKey);
        await socket.ConnectAsync(PeerConnector.StreamUri(kv1.Address, "kv2"), CancellationToken.None);
        var connection = new PeerConnection(socket);
        var hello = await connection.ReceiveAsync(ReplicationJsonContext.Default.ReplicationAck, CancellationToken.None);

        await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        var answers = new List<ReplicationAck>();
        try
        {
            while (await connection.ReceiveAsync(ReplicationJsonContext.Default.ReplicationAck, CancellationToken.None) is { } answer)
            {
                answers.Add(answer);
            }
        }
        catch (WebSocketException)
        {
            // Closed without a handshake: ended all the same.
        }

        Assert.Equal("kv1", hello!.Node);
        Assert.All(answers, a => Assert.NotNull(a.Refusal)); // a refusal, never an acknowledgement of what it sent
        Assert.Equal(before.Clock, kv1.Node.Status().Clock);
        using var http = kv1.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode); // the node goes on
    }

    [Fact]
    public async Task A_stream_without_the_cluster_key_is_refused_before_it_opens()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(PeerConnector.StreamUri(cluster["kv1"].Address, "kv2"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }
}
