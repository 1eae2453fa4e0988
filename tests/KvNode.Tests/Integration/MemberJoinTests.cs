using System.Net;
using System.Text.Json;
using GridAspire.KvClient.Client;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// A node joins a running cluster (<c>Kv:Join</c>, <c>Kv:AdvertisedUrl</c>, no peers): every member learns it, it takes
/// the cluster's state, old data included (the others trimmed it long ago), and says it is ready only then. Real nodes.
/// </summary>
public sealed class MemberJoinTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("kv-join-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_node_that_joins_under_load_holds_the_old_data_and_every_write_made_meanwhile_before_it_says_it_is_ready()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        using var http = new HttpClient();
        var writer = new KvSession(http);
        KvResult last = null!;
        for (var i = 0; i < 90; i++)
        {
            last = await writer.PutAsync(cluster.Nodes[i % 3].Address, $"old{i}", $"v{i}");
        }

        await cluster.WaitForAllAsync(last.Item!.Clock);
        var links = cluster["kv1"].Services.GetRequiredService<GridAspire.KvNode.Replication.PeerLinks>().All;
        await Signals.UntilAsync(cluster["kv1"].Node.ClockAdvanced, () => cluster["kv1"].Node.Status().OwnWritesKept == 0, "kv1 trimmed its writes: a new member cannot get them by replication");

        // Writes go on while kv4 joins.
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            var session = new KvSession(http);
            var count = 0;
            KvResult? latest = null;
            while (!stop.IsCancellationRequested && count < 2_000)
            {
                latest = await session.PutAsync(cluster.Nodes[count % 3].Address, $"new{count}", "v");
                count++;
            }

            return (count, latest);
        });
        var kv4 = cluster.Join("kv4", via: "kv1", dataDir: Path.Combine(_data, "kv4"));
        await kv4.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        using var kv4Http = kv4.Http();
        Assert.Equal(HttpStatusCode.OK, (await kv4Http.GetAsync("/health")).StatusCode);
        Assert.True(kv4.Node.Clock.Covers(last.Item.Clock), $"kv4 said it was ready without the old data: {kv4.Node.Clock}");
        await stop.CancelAsync();
        var (written, latest) = await load;
        Assert.True(written > 0);

        // Everything written meanwhile reaches it, and its own writes reach the others.
        await Signals.UntilAsync(kv4.Node.ClockAdvanced, () => kv4.Node.Clock.Covers(latest!.Item!.Clock), "kv4 delivered the writes made while it joined");
        Assert.Equal("v89", (await kv4.Node.ReadAsync("old89"))?.Value);
        Assert.Equal(90 + written, kv4.Node.Versions().Count);
        var own = await new KvSession(http).PutAsync(kv4.Address, "from-kv4", "hello");
        await cluster.WaitForAllAsync(own.Item!.Clock);
        foreach (var id in new[] { "kv1", "kv2", "kv3" })
        {
            var members = await cluster[id].Admin().GetFromJsonAsync<JsonElement>("/admin/members");
            var entry = members.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "kv4");
            Assert.Equal("active", entry.GetProperty("state").GetString());
            Assert.Equal(kv4.Address, new Uri(entry.GetProperty("url").GetString()!));
        }

        // Restarted, it is still a member: its data directory remembers the members; no second join.
        kv4 = await cluster.RestartAsync("kv4");
        Assert.Equal(4, kv4.Node.Members.Count);
        Assert.Equal("hello", (await kv4.Node.ReadAsync("from-kv4"))?.Value);
    }

    [Fact]
    public async Task A_crash_while_a_joined_node_writes_down_the_members_it_was_told_keeps_all_of_them_or_none()
    {
        await using var cluster = await KvCluster.StartAsync(3, dataRoot: _data);
        var kv4 = cluster.Join("kv4", via: "kv1", dataDir: Path.Combine(_data, "kv4"));
        await kv4.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await cluster.StopAsync("kv4");

        // The crash tears the last record that names a member kv1 told it of (the one record, or the last of several).
        var segment = Directory.GetFiles(Path.Combine(_data, "kv4"), "wal-*").Order(StringComparer.Ordinal).First();
        var told = Records(segment).Last(r => r.Json.Contains("\"Joined", StringComparison.Ordinal) && !r.Json.Contains("\"kv4\"", StringComparison.Ordinal));
        using (var file = new FileStream(segment, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(told.Start + 8 + (told.Length / 2));
        }

        // Restarted: it knows every member (it asked to join again: the member answers the same node again), none missing.
        kv4 = await cluster.RestartAsync("kv4", waitForWrites: false);
        await kv4.Node.Writes.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["kv1", "kv2", "kv3", "kv4"], kv4.Node.Members.Order(StringComparer.Ordinal));
    }

    // Every record of a write-ahead log segment: where it starts, its length and its JSON.
    private static List<(long Start, int Length, string Json)> Records(string segment)
    {
        var bytes = File.ReadAllBytes(segment);
        var records = new List<(long, int, string)>();
        var offset = 0;
        while (offset + 8 <= bytes.Length && System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset)) is > 0 and var length)
        {
            records.Add((offset, length, System.Text.Encoding.UTF8.GetString(bytes, offset + 8, length)));
            offset += 8 + length;
        }

        return records;
    }

    [Fact]
    public async Task A_node_whose_id_is_in_use_or_was_removed_is_refused_with_a_clear_reason_and_never_takes_writes()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        var impostor = cluster.Join("kv2", via: "kv1");
        await Signals.UntilAsync(impostor.Node.Writes.Changed, () => impostor.Node.Writes.Refusal?.Contains("refused", StringComparison.Ordinal) == true, "the impostor was refused");
        Assert.Contains("already a member", impostor.Node.Writes.Refusal, StringComparison.Ordinal);
        using var impostorHttp = impostor.Http();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await impostorHttp.GetAsync("/health")).StatusCode);
        Assert.Equal(3, cluster["kv1"].Node.Members.Count);

        await cluster.StopAsync("kv3");
        using var removed = await cluster["kv1"].Admin().DeleteAsync("/admin/members/kv3");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var ghost = cluster.Join("kv3", via: "kv2");
        await Signals.UntilAsync(ghost.Node.Writes.Changed, () => ghost.Node.Writes.Refusal?.Contains("refused", StringComparison.Ordinal) == true, "the removed id was refused");
        Assert.Contains("never used twice", ghost.Node.Writes.Refusal, StringComparison.Ordinal);
    }
}
