using System.Net;
using GridAspire.KvClient.Client;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// <c>POST /batch/read</c>: several keys from one causal cut. The case the causal-store papers open with: Alice takes
/// Bob off an album's access list, then adds a private photo; Bob's application reads the list and the album.
/// </summary>
public sealed class BatchReadTests
{
    [Fact]
    public async Task A_batch_read_answers_every_key_with_nulls_for_absent_and_deleted_ones_and_a_token_covering_them()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = new HttpClient();
        var writer = new KvSession(http);
        var a = await writer.PutAsync(cluster["kv1"].Address, "a", "1");
        await writer.PutAsync(cluster["kv1"].Address, "b", "2");
        var deleted = await writer.DeleteAsync(cluster["kv1"].Address, "b");
        var reader = new KvSession(http);

        var read = await reader.ReadManyAsync(cluster["kv1"].Address, ["a", "b", "never-written"]);

        Assert.Equal(HttpStatusCode.OK, read.Status);
        var batch = read.Batch!;
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = null, ["never-written"] = null }, batch.Values);
        Assert.Equal(new[] { "a", "b" }, batch.Versions.Keys.Order());
        Assert.True(batch.Versions["b"].Deleted);
        Assert.Equal(deleted.Item!.Clock, batch.Versions["b"].Clock);
        Assert.Equal("kv1", batch.Node);
        Assert.True(batch.Cut.Covers(deleted.Item.Clock));
        Assert.NotNull(reader.Token);
        var atKv2 = await reader.GetAsync(cluster["kv2"].Address, "a"); // the token makes kv2 wait for what was read
        Assert.Equal("1", atKv2.Item?.Value);
        Assert.Equal(a.Item!.Clock, atKv2.Item!.Clock);
    }

    [Fact]
    public async Task Single_reads_can_pair_the_old_access_list_with_the_new_photo_and_a_batch_read_cannot()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        var (kv1, kv2) = (cluster["kv1"].Address, cluster["kv2"].Address);
        using var http = new HttpClient();
        var alice = new KvSession(http);
        await alice.PutAsync(kv1, "acl", "alice,bob");
        await alice.PutAsync(kv1, "album", "holiday");
        var seenAtKv2 = (await alice.ReadManyAsync(kv2, ["acl", "album"])).Batch!;
        Assert.Equal(("alice,bob", "holiday"), (seenAtKv2.Values["acl"], seenAtKv2.Values["album"]));
        await cluster["kv1"].HoldAsync("kv2");
        await cluster["kv1"].HoldAsync("kv3");
        await alice.PutAsync(kv1, "acl", "alice");
        await alice.PutAsync(kv1, "album", "holiday,private-photo");

        // Bob reads the list at kv2 before the change arrives, then the album after: each read is causally fine.
        var bob = new KvSession(http);
        var list = await bob.GetAsync(kv2, "acl");
        await cluster["kv1"].ReleaseAsync("kv2");
        var answers = new List<(string? Acl, string? Album)>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? album = null;
        while (album != "holiday,private-photo" && DateTime.UtcNow < deadline && answers.Count < 5_000)
        {
            var batch = (await new KvSession(http).ReadManyAsync(kv2, ["acl", "album"])).Batch!;
            answers.Add((batch.Values["acl"], batch.Values["album"]));
            album = (await bob.GetAsync(kv2, "album")).Item?.Value;
        }

        Assert.Equal(("alice,bob", "holiday,private-photo"), (list.Item?.Value, album)); // the anomaly, with single reads
        Assert.NotEmpty(answers);
        Assert.DoesNotContain(("alice,bob", "holiday,private-photo"), answers); // never with a batch read
        var last = (await new KvSession(http).ReadManyAsync(kv2, ["acl", "album"])).Batch!;
        Assert.Equal(("alice", "holiday,private-photo"), (last.Values["acl"], last.Values["album"]));
    }

    [Fact]
    public async Task A_batch_read_waits_for_the_sessions_context_like_a_single_read_and_answers_409_when_it_cannot()
    {
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?> { ["Kv:ContextWaitTimeout"] = "00:00:00.300" });
        await cluster["kv1"].HoldAsync("kv2");
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "x", "mine");

        var behind = await session.ReadManyAsync(cluster["kv2"].Address, ["x", "y"]);
        await cluster["kv1"].ReleaseAsync("kv2");
        await cluster["kv2"].Node.WaitForAsync(cluster["kv1"].Node.Clock, TimeSpan.FromSeconds(10), CancellationToken.None);
        var caughtUp = await session.ReadManyAsync(cluster["kv2"].Address, ["x", "y"]);

        Assert.Equal(HttpStatusCode.Conflict, behind.Status);
        Assert.Equal(HttpStatusCode.OK, caughtUp.Status);
        Assert.Equal("mine", caughtUp.Batch!.Values["x"]);
    }
}
