using System.Text.Json;

namespace GridAspire.KvNode.Tests.Causality;

public sealed class VectorClockTests
{
    private static VectorClock Clock(params (string Node, long Counter)[] entries) =>
        VectorClock.From(entries.Select(e => KeyValuePair.Create(e.Node, e.Counter)));

    [Fact]
    public void Missing_entries_are_zero_and_zero_entries_are_dropped()
    {
        var clock = Clock(("kv1", 2), ("kv2", 0));

        Assert.Equal(2, clock["kv1"]);
        Assert.Equal(0, clock["kv2"]);
        Assert.Equal(0, clock["kv9"]);
        Assert.Equal(["kv1"], clock.Nodes);
        Assert.Equal(Clock(("kv1", 2)), clock);
    }

    [Theory]
    [InlineData(1, 0, 1, 0, ClockOrder.Equal)]
    [InlineData(1, 0, 2, 0, ClockOrder.Before)]
    [InlineData(2, 1, 1, 1, ClockOrder.After)]
    [InlineData(1, 0, 0, 1, ClockOrder.Concurrent)]
    [InlineData(2, 1, 1, 2, ClockOrder.Concurrent)]
    public void Compare_follows_happens_before(long a1, long a2, long b1, long b2, ClockOrder expected)
    {
        var a = Clock(("kv1", a1), ("kv2", a2));
        var b = Clock(("kv1", b1), ("kv2", b2));

        Assert.Equal(expected, a.CompareTo(b));
        Assert.Equal(expected == ClockOrder.Before, a.HappenedBefore(b));
        Assert.Equal(expected == ClockOrder.Concurrent, a.IsConcurrentWith(b));
    }

    [Fact]
    public void Merge_is_the_pointwise_maximum_and_covers_both()
    {
        var a = Clock(("kv1", 3), ("kv2", 1));
        var b = Clock(("kv2", 4), ("kv3", 2));

        var merged = a.Merge(b);

        Assert.Equal(Clock(("kv1", 3), ("kv2", 4), ("kv3", 2)), merged);
        Assert.True(merged.Covers(a));
        Assert.True(merged.Covers(b));
        Assert.Equal(merged, b.Merge(a));
        Assert.Same(a, a.Merge(VectorClock.Empty));
    }

    [Fact]
    public void Negative_counters_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Clock(("kv1", -1)));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<VectorClock>("""{"kv1":-1}"""));
    }

    [Fact]
    public void Json_is_an_object_of_counters_and_round_trips()
    {
        var clock = Clock(("kv2", 1), ("kv1", 3));

        var json = JsonSerializer.Serialize(clock);

        Assert.Equal("""{"kv1":3,"kv2":1}""", json);
        Assert.Equal(clock, JsonSerializer.Deserialize<VectorClock>(json));
    }

    [Fact]
    public void Equal_clocks_hash_alike()
    {
        Assert.Equal(Clock(("kv1", 1), ("kv2", 2)).GetHashCode(), Clock(("kv2", 2), ("kv1", 1)).GetHashCode());
    }

    [Fact]
    public void Clocks_read_off_the_wire_share_their_node_ids_and_node_sets()
    {
        var a = JsonSerializer.Deserialize<VectorClock>("""{"kv1":3,"kv2":1}""")!;
        var b = JsonSerializer.Deserialize<VectorClock>("""{"kv1":4,"kv2":9}""")!;

        Assert.Same(a.Nodes, b.Nodes);
        Assert.Same(a.NodeAt(0), b.NodeAt(0));
        Assert.Same(a.Nodes, a.With("kv1", 5).Nodes); // a tick keeps the set
        Assert.Equal(["kv1", "kv2", "kv3"], a.With("kv3", 1).Nodes);
    }

    [Fact]
    public void Ticks_merges_and_clocks_out_of_order_agree_with_a_dictionary_model()
    {
        var random = new Random(7);
        for (var round = 0; round < 500; round++)
        {
            var model = new Dictionary<string, long>();
            var clock = VectorClock.Empty;
            for (var step = 0; step < 20; step++)
            {
                var node = $"kv{random.Next(1, 6)}";
                var counter = (long)random.Next(0, 10);
                clock = clock.With(node, counter);
                model[node] = counter;
                var other = VectorClock.From(model.Reverse()); // any order in, the same clock out
                Assert.Equal(other, clock);
                Assert.All(model, e => Assert.Equal(e.Value, clock[e.Key]));
                Assert.Equal(model.Where(e => e.Value > 0).Select(e => e.Key).Order(StringComparer.Ordinal), clock.Nodes);
                var merged = clock.Merge(VectorClock.From([KeyValuePair.Create(node, counter + 1), KeyValuePair.Create("kv0", 1L)]));
                Assert.True(merged.Covers(clock));
                Assert.Equal(counter + 1, merged[node]);
            }
        }
    }

    [Fact]
    public void A_clock_split_across_buffer_segments_reads_like_a_contiguous_one()
    {
        // Request bodies arrive in segments; a node id or a number may straddle two of them.
        var json = """{"kv1":3,"kv2":12345}"""u8.ToArray();
        for (var cut = 1; cut < json.Length; cut++)
        {
            var first = new Segment(json.AsMemory(0, cut));
            var last = first.Append(json.AsMemory(cut));
            var reader = new Utf8JsonReader(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

            var clock = JsonSerializer.Deserialize<VectorClock>(ref reader);

            Assert.Equal(Clock(("kv1", 3), ("kv2", 12345)), clock);
        }
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
