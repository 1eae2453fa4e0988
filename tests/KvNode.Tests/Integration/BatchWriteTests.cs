using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using GridAspire.KvClient.Client;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// <c>POST /batch/write</c>: several keys written and deleted as one write, which every node shows whole or not at all,
/// which a crash keeps whole or not at all, and which concurrent batches resolve as a whole.
/// </summary>
public sealed class BatchWriteTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("kv-batch-").FullName;

    [Fact]
    public async Task A_batch_puts_and_deletes_keys_as_one_write_with_one_clock_that_every_node_shows()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "old", "gone soon");

        var written = await session.WriteManyAsync(cluster["kv1"].Address, new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, ["old"]);

        Assert.Equal(HttpStatusCode.OK, written.Status);
        var write = written.Written!;
        Assert.Equal("kv1", write.Node);
        Assert.Equal(2, write.Clock["kv1"]); // one write: the put before it, then this one
        Assert.Equal(new[] { "a", "b", "old" }, write.Versions.Keys.Order());
        Assert.All(write.Versions.Values, v => Assert.Equal(write.Clock, v.Clock));
        Assert.True(write.Versions["old"].Deleted);
        Assert.Equal("2", write.Versions["b"].Value);
        await cluster.WaitForAllAsync(write.Clock);
        foreach (var node in cluster.Nodes)
        {
            var read = (await new KvSession(http).ReadManyAsync(node.Address, ["a", "b", "old"])).Batch!;
            Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2", ["old"] = null }, read.Values);
            Assert.All(read.Versions.Values, v => Assert.Equal(write.Clock, v.Clock));
        }

        Assert.Equal("1", (await session.GetAsync(cluster["kv2"].Address, "a")).Item?.Value); // the token covers the batch
    }

    [Fact]
    public async Task Bad_batches_are_refused_with_a_problem_and_change_nothing()
    {
        await using var cluster = await KvCluster.StartAsync(1);
        var node = cluster["kv1"];
        using var http = new HttpClient { BaseAddress = node.Address };
        var tooMany = JsonSerializer.Serialize(new { put = Enumerable.Range(0, 101).ToDictionary(i => $"k{i}", i => "v") });
        string[] bodies =
        [
            "{}",
            """{"put":{},"delete":[]}""",
            """{"put":{"a":"1"},"delete":["a"]}""",
            """{"delete":["a","a"]}""",
            """{"put":{"a":"1","a":"2"}}""",
            """{"put":{"a":null}}""",
            """{"put":{"":"1"}}""",
            """{"put":{"a":"1"},"delete":[""]}""",
            """{"put":["a"]}""",
            "not json",
            tooMany,
        ];

        foreach (var body in bodies)
        {
            try
            {
                await node.AssertRefusedWithoutChangeAsync(http, new HttpRequestMessage(HttpMethod.Post, "/batch/write")
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                });
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                throw new Xunit.Sdk.XunitException($"{body[..Math.Min(60, body.Length)]}: {ex.Message}");
            }
        }

        Assert.Empty(node.Node.Versions());
        var fine = await new KvSession(http).WriteManyAsync(node.Address, new Dictionary<string, string?> { ["a"] = "1" });
        Assert.Equal(HttpStatusCode.OK, fine.Status); // the node keeps serving, and one key is a batch too
    }

    [Fact]
    public async Task While_a_batch_travels_another_node_shows_all_of_it_or_none_of_it_never_part()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        var (kv1, kv2) = (cluster["kv1"], cluster["kv2"]);
        using var http = new HttpClient();
        var keys = Enumerable.Range(0, 20).Select(i => $"k{i}").ToList();
        var before = await new KvSession(http).WriteManyAsync(kv1.Address, keys.ToDictionary(k => k, _ => (string?)"old"));
        await cluster.WaitForAllAsync(before.Written!.Clock);
        await kv1.HoldAsync("kv2");
        var batch = await new KvSession(http).WriteManyAsync(kv1.Address, keys.ToDictionary(k => k, _ => (string?)"new"));

        var held = (await new KvSession(http).ReadManyAsync(kv2.Address, keys)).Batch!;
        await kv1.ReleaseAsync("kv2");
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && seen.Count < 5_000)
        {
            var values = (await new KvSession(http).ReadManyAsync(kv2.Address, keys)).Batch!.Values;
            seen.Add(string.Join(",", values.Values.Distinct()));
            if (values.Values.All(v => v == "new"))
            {
                break;
            }
        }

        Assert.All(held.Values.Values, v => Assert.Equal("old", v));
        Assert.Equal("new", seen[^1]);
        Assert.All(seen, s => Assert.True(s is "old" or "new", $"a read showed part of the batch: {s}"));
        Assert.True(kv2.Node.Clock.Covers(batch.Written!.Clock));
    }

    [Fact]
    public async Task Concurrent_batches_to_the_same_keys_converge_everywhere_on_one_of_them_whole()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        using var http = new HttpClient();
        foreach (var (from, to) in new[] { ("kv1", "kv2"), ("kv1", "kv3"), ("kv2", "kv1"), ("kv2", "kv3") })
        {
            await cluster[from].HoldAsync(to);
        }

        var one = await new KvSession(http).WriteManyAsync(
            cluster["kv1"].Address, new Dictionary<string, string?> { ["a"] = "one", ["b"] = "one" }, ["c"]);
        var two = await new KvSession(http).WriteManyAsync(
            cluster["kv2"].Address, new Dictionary<string, string?> { ["c"] = "two", ["b"] = "two", ["a"] = "two" });
        Assert.True(one.Written!.Clock.IsConcurrentWith(two.Written!.Clock));
        foreach (var (from, to) in new[] { ("kv1", "kv2"), ("kv1", "kv3"), ("kv2", "kv1"), ("kv2", "kv3") })
        {
            await cluster[from].ReleaseAsync(to);
        }

        await cluster.WaitForAllAsync(one.Written.Clock.Merge(two.Written.Clock));
        var answers = new List<string>();
        foreach (var node in cluster.Nodes)
        {
            var values = (await new KvSession(http).ReadManyAsync(node.Address, ["a", "b", "c"])).Batch!.Values;
            answers.Add($"{values["a"]}/{values["b"]}/{values["c"] ?? "-"}");
        }

        Assert.Single(answers.Distinct());
        Assert.Contains(answers[0], new[] { "one/one/-", "two/two/two" });
    }

    [Fact]
    public async Task A_batch_is_one_journal_record_so_a_crash_inside_it_leaves_none_of_it_and_one_after_it_all_of_it()
    {
        await using var cluster = await KvCluster.StartAsync(1, dataRoot: _data);
        using var http = new HttpClient();
        var session = new KvSession(http);
        var first = await session.WriteManyAsync(cluster["kv1"].Address, new Dictionary<string, string?> { ["a"] = "1", ["b"] = "1", ["c"] = "1" });
        var second = await session.WriteManyAsync(cluster["kv1"].Address, new Dictionary<string, string?> { ["a"] = "2", ["b"] = "2" }, ["c"]);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        await cluster["kv1"].DisposeAsync();
        var segment = Directory.GetFiles(Path.Combine(_data, "kv1"), "wal-*").Order(StringComparer.Ordinal).Last();
        var (start, length, json) = LastRecord(segment);
        using (var record = JsonDocument.Parse(json))
        {
            var write = record.RootElement.GetProperty("Write");
            Assert.Equal(2, write.GetProperty("More").GetArrayLength()); // the whole batch in this one record
        }

        var whole = await File.ReadAllBytesAsync(segment);
        var files = Directory.GetFiles(Path.Combine(_data, "kv1"));

        // A crash in the middle of writing the record: it is torn, and replay drops it whole.
        using (var file = new FileStream(segment, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(start + 8 + (length / 2));
        }

        var afterTornRecord = await cluster.RestartAsync("kv1");
        Assert.Equal(first.Written!.Clock, afterTornRecord.Node.Clock);
        Assert.All(afterTornRecord.Node.Versions(), v => Assert.Equal("1", v.Value));
        Assert.Equal(3, afterTornRecord.Node.Versions().Count);

        // The record whole: all of the batch comes back.
        await afterTornRecord.DisposeAsync();
        foreach (var later in Directory.GetFiles(Path.Combine(_data, "kv1")).Except(files))
        {
            File.Delete(later); // whatever the restarted node began after the cut
        }

        await File.WriteAllBytesAsync(segment, whole);
        var afterWholeRecord = await cluster.RestartAsync("kv1");
        Assert.Equal(second.Written!.Clock, afterWholeRecord.Node.Clock);
        var versions = afterWholeRecord.Node.Versions().ToDictionary(v => v.Key, v => v.IsTombstone ? "(deleted)" : v.Value);
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "2", ["b"] = "2", ["c"] = "(deleted)" }, versions);
    }

    [Fact]
    public async Task Batches_come_back_whole_from_a_snapshot_and_the_log_after_it_and_are_resent_to_a_peer_that_missed_them()
    {
        await using var cluster = await KvCluster.StartAsync(2, dataRoot: _data);
        using var http = new HttpClient();
        var session = new KvSession(http);
        await cluster["kv1"].HoldAsync("kv2");
        await session.WriteManyAsync(cluster["kv1"].Address, new Dictionary<string, string?> { ["a"] = "1", ["b"] = "1" });
        await cluster["kv1"].Node.SnapshotNow()!; // the batch, not yet at kv2, is in the snapshot as an own write to send
        var last = await session.WriteManyAsync(cluster["kv1"].Address, new Dictionary<string, string?> { ["b"] = "2", ["c"] = "2" });

        var kv1 = await cluster.RestartAsync("kv1"); // links are not held after a restart

        await cluster.WaitForAllAsync(last.Written!.Clock);
        foreach (var node in cluster.Nodes)
        {
            var values = node.Node.Versions().ToDictionary(v => v.Key, v => v.Value);
            Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2", ["c"] = "2" }, values);
        }

        Assert.Equal(2, kv1.Node.Readings.OwnWrites);
    }

    [Fact]
    public async Task Large_batches_held_back_together_reach_the_peer_in_frames_it_accepts()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        using var http = new HttpClient();
        var session = new KvSession(http);
        var value = new string('v', 800 * 1024);
        await cluster["kv1"].HoldAsync("kv2");
        KvResult last = null!;
        for (var batch = 0; batch < 10; batch++)
        {
            last = await session.WriteManyAsync(cluster["kv1"].Address, Enumerable.Range(0, 10).ToDictionary(i => $"big-{batch}-{i}", _ => (string?)value));
            Assert.Equal(HttpStatusCode.OK, last.Status);
        }

        await cluster["kv1"].ReleaseAsync("kv2"); // 80 MB of values wait: more than one replication frame may carry

        await cluster.WaitForAllAsync(last.Written!.Clock, TimeSpan.FromSeconds(30));
        Assert.Equal(100, cluster["kv2"].Node.Versions().Count);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    // Frames are [length: int32][CRC-32: uint32][JSON]; the file may be zero-filled past the last one.
    private static (long Start, int Length, string Json) LastRecord(string segment)
    {
        var bytes = File.ReadAllBytes(segment);
        (long Start, int Length) last = (-1, 0);
        var offset = 0;
        while (offset + 8 <= bytes.Length && BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset)) is > 0 and var length)
        {
            last = (offset, length);
            offset += 8 + length;
        }

        Assert.True(last.Start >= 0, $"{segment} holds no record");
        return (last.Start, last.Length, Encoding.UTF8.GetString(bytes, (int)last.Start + 8, last.Length));
    }
}
