using GridAspire.KvClient.Client;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class BufferCapTests
{
    [Fact]
    public async Task A_full_buffer_turns_writes_away_without_losing_them()
    {
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?> { ["Kv:MaxBufferedWrites"] = "2" });
        var kv3 = cluster["kv3"];
        using var counters = new NodeCounters(kv3);
        await cluster["kv1"].HoldAsync("kv3");
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "x", "1");
        KvResult last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await session.PutAsync(cluster["kv2"].Address, $"y{i}", $"{i}"); // each depends on x
        }

        var maxDepth = 0;
        await Signals.UntilAsync(kv3.Node.Received, () =>
        {
            maxDepth = Math.Max(maxDepth, kv3.Node.Status().Buffered);
            return counters.Total("kv.buffer.refused") > 0;
        }, "kv3 turns a write away");
        await cluster["kv1"].ReleaseAsync("kv3");
        await cluster.WaitForAllAsync(last.Item!.Clock);

        Assert.InRange(maxDepth, 1, 2);
        Assert.True(counters.Total("kv.buffer.refused") > 0);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal($"{i}", (await kv3.Node.ReadAsync($"y{i}"))?.Value);
        }
    }
}
