using System.Net;
using GridAspire.KvClient.Client;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class SessionGuaranteeTests
{
    [Fact]
    public async Task A_read_on_another_node_waits_for_the_sessions_own_write()
    {
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?> { ["Kv:ContextWaitTimeout"] = "00:00:10" });
        await cluster["kv1"].HoldAsync("kv2");
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "x", "mine");

        var read = session.GetAsync(cluster["kv2"].Address, "x");
        await cluster["kv1"].ReleaseAsync("kv2");
        var result = await read;

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("mine", result.Item?.Value);
    }

    [Fact]
    public async Task A_node_behind_the_sessions_context_answers_409_problem_and_changes_nothing()
    {
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?> { ["Kv:ContextWaitTimeout"] = "00:00:00.200" });
        await cluster["kv1"].HoldAsync("kv2");
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "x", "mine");
        var before = cluster["kv2"].Node.Clock;

        var write = await session.PutAsync(cluster["kv2"].Address, "y", "depends-on-x");

        Assert.Equal(HttpStatusCode.Conflict, write.Status);
        Assert.Contains("behind", write.Problem ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, cluster["kv2"].Node.Clock);
        Assert.Null((await cluster["kv2"].Node.ReadAsync("y")));
    }

    [Fact]
    public async Task Reads_are_monotonic_and_writes_follow_reads_across_nodes()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = new HttpClient();
        var writer = new KvSession(http);
        var first = await writer.PutAsync(cluster["kv1"].Address, "x", "1");
        var reader = new KvSession(http);
        await cluster["kv2"].Node.WaitForAsync(first.Item!.Clock, TimeSpan.FromSeconds(10), CancellationToken.None);
        var seen = await reader.GetAsync(cluster["kv2"].Address, "x");
        await cluster["kv1"].HoldAsync("kv3");
        await cluster["kv2"].HoldAsync("kv3");

        var reply = await reader.PutAsync(cluster["kv2"].Address, "reply", "saw x=1");
        var readAtKv3 = reader.GetAsync(cluster["kv3"].Address, "x");
        await cluster["kv1"].ReleaseAsync("kv3");
        await cluster["kv2"].ReleaseAsync("kv3");

        Assert.Equal("1", seen.Item?.Value);
        Assert.True(reply.Item!.Clock.Covers(first.Item.Clock));
        Assert.Equal("1", (await readAtKv3).Item?.Value);
    }
}
