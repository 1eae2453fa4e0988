using GridAspire.KvClient.Client;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class BufferedResendTests
{
    [Fact]
    public async Task Writes_a_peer_holds_in_its_buffer_are_not_sent_again_while_newer_ones_flow()
    {
        // A long resend interval: within it, a write sent twice can only come from re-sending what the peer buffered.
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?>
        {
            ["Kv:Replication:ResendInterval"] = "00:00:30",
        });
        var kv2 = cluster["kv2"];
        var kv3 = cluster["kv3"];
        using var kv2Counters = new NodeCounters(kv2);
        using var kv3Counters = new NodeCounters(kv3);

        await cluster["kv1"].HoldAsync("kv3");
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "x", "1");
        KvResult last = null!;
        for (var i = 0; i < 5; i++)
        {
            // Each depends on x, which kv3 cannot have: kv3 buffers it, and kv2 goes on with the next one alone.
            last = await session.PutAsync(kv2.Address, $"y{i}", $"{i}");
            var held = i + 1;
            await Signals.UntilAsync(kv3.Node.Received, () => kv3.Node.Status().Buffered == held, $"kv3 holds {held} of kv2's writes");
        }

        Assert.Equal(0, kv2Counters.Total("kv.replication.resent"));
        await cluster["kv1"].ReleaseAsync("kv3");
        await cluster.WaitForAllAsync(last.Item!.Clock);

        Assert.Equal(0, kv3Counters.Total("kv.duplicates"));
        Assert.Equal(0, kv2Counters.Total("kv.replication.resent"));
        Assert.Equal("4", (await kv3.Node.ReadAsync("y4"))?.Value);
    }
}
