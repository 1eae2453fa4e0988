using CsCheck;
using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Tests.Causality;

public sealed class DeliveryBufferTests
{
    private static VectorClock Clock(params (string Node, long Counter)[] entries) =>
        VectorClock.From(entries.Select(e => KeyValuePair.Create(e.Node, e.Counter)));

    [Fact]
    public void A_message_whose_causal_past_is_missing_is_buffered_until_it_arrives()
    {
        var buffer = new DeliveryBuffer<TestMessage>();
        var x = new TestMessage("kv1", Clock(("kv1", 1)));
        var y = new TestMessage("kv2", Clock(("kv1", 1), ("kv2", 1)));

        var first = buffer.Receive(y);
        var second = buffer.Receive(x);

        Assert.Equal(DeliveryStatus.Buffered, first.Status);
        Assert.Equal(DeliveryStatus.Delivered, second.Status);
        Assert.Equal([x, y], second.Delivered);
        Assert.Equal(0, buffer.Count);
        Assert.Equal(Clock(("kv1", 1), ("kv2", 1)), buffer.Clock);
    }

    [Fact]
    public void Discarding_what_waits_for_a_gone_entry_drops_its_messages_past_a_gap_and_those_that_read_past_it()
    {
        var buffer = new DeliveryBuffer<TestMessage>(Clock(("kv1", 2)));
        var next = new TestMessage("kv1", Clock(("kv1", 3), ("kv2", 1))); // waits for kv2:1, not for a gap
        var pastGap = new TestMessage("kv1", Clock(("kv1", 5)));
        var readPastGap = new TestMessage("kv3", Clock(("kv1", 5), ("kv3", 1))); // its writer read kv1:5, gone for good
        var readBeforeGap = new TestMessage("kv4", Clock(("kv1", 2), ("kv2", 1), ("kv4", 1))); // waits for kv2:1 only
        buffer.Receive(next);
        buffer.Receive(pastGap);
        buffer.Receive(readPastGap);
        buffer.Receive(readBeforeGap);

        var dropped = buffer.DiscardWaitingForGone(new HashSet<string> { "kv1" });

        Assert.Equal([pastGap, readPastGap], dropped.OrderBy(m => m.Origin, StringComparer.Ordinal));
        Assert.Equal([next, readBeforeGap], buffer.Pending);
        Assert.Equal(Clock(("kv1", 2)), buffer.Clock);
        Assert.Empty(buffer.DiscardWaitingForGone(new HashSet<string>()));

        // Looked at again after a new arrival, and after another entry is gone.
        var arrivedLater = new TestMessage("kv5", Clock(("kv1", 4), ("kv5", 1)));
        buffer.Receive(arrivedLater);
        Assert.Equal([arrivedLater], buffer.DiscardWaitingForGone(new HashSet<string> { "kv1" }));
        Assert.Equal([next, readBeforeGap], buffer.DiscardWaitingForGone(new HashSet<string> { "kv1", "kv2" }).OrderBy(m => m.Origin, StringComparer.Ordinal));
        Assert.Empty(buffer.Pending);
    }

    [Fact]
    public void Advancing_by_a_transferred_clock_drops_what_it_covers_and_releases_what_was_waiting_for_it()
    {
        var buffer = new DeliveryBuffer<TestMessage>();
        var covered = new TestMessage("kv2", Clock(("kv1", 2), ("kv2", 1)));
        var waiting = new TestMessage("kv2", Clock(("kv1", 2), ("kv2", 2)));
        var later = new TestMessage("kv3", Clock(("kv1", 3), ("kv3", 1)));
        buffer.Receive(covered);
        buffer.Receive(waiting);
        buffer.Receive(later);

        var released = buffer.Advance(Clock(("kv1", 2), ("kv2", 1)));

        Assert.Equal([waiting], released);
        Assert.Equal([later], buffer.Pending); // still needs kv1:3
        Assert.Equal(Clock(("kv1", 2), ("kv2", 2)), buffer.Clock);
    }

    [Fact]
    public void A_gap_in_one_origins_sequence_blocks_later_messages_of_that_origin()
    {
        var buffer = new DeliveryBuffer<TestMessage>();
        var second = new TestMessage("kv1", Clock(("kv1", 2)));

        Assert.Equal(DeliveryStatus.Buffered, buffer.Receive(second).Status);
        Assert.Equal([second], buffer.Pending);
    }

    [Fact]
    public void Duplicates_are_dropped_and_resent_buffered_copies_are_not_buffered_twice()
    {
        var buffer = new DeliveryBuffer<TestMessage>();
        var x = new TestMessage("kv1", Clock(("kv1", 1)));
        var y = new TestMessage("kv1", Clock(("kv1", 2)));

        buffer.Receive(x);
        Assert.Equal(DeliveryStatus.Duplicate, buffer.Receive(x).Status);
        Assert.Equal(DeliveryStatus.Delivered, buffer.Receive(y).Status);

        var z = new TestMessage("kv1", Clock(("kv1", 4)));
        Assert.Equal(DeliveryStatus.Buffered, buffer.Receive(z).Status);
        Assert.Equal(DeliveryStatus.AlreadyBuffered, buffer.Receive(z).Status);
        Assert.Equal(1, buffer.Count);
    }

    [Fact]
    public void Tick_advances_only_the_own_entry()
    {
        var buffer = new DeliveryBuffer<TestMessage>(Clock(("kv2", 5)));

        Assert.Equal(1, buffer.Tick("kv1"));
        Assert.Equal(Clock(("kv1", 1), ("kv2", 5)), buffer.Clock);
    }

    [Fact]
    public void Any_arrival_order_with_duplicates_delivers_everything_once_in_causal_order()
    {
        Gen.Select(Gen.Int[2, 5], Gen.Int[1, 80], Gen.Int).Sample((nodes, steps, seed) =>
        {
            var random = new Random(seed);
            var messages = CausalHistory.Generate(nodes, steps, random);
            var arrivals = messages.Concat(messages.Where(_ => random.Next(4) == 0)).OrderBy(_ => random.Next()).ToList();
            var buffer = new DeliveryBuffer<TestMessage>();

            var delivered = arrivals.SelectMany(m => buffer.Receive(m).Delivered).ToList();

            AssertCausalOrder(messages, delivered);
            return buffer.Count == 0;
        }, iter: 400);
    }

    [Fact]
    public void The_order_checker_rejects_an_order_that_violates_causality()
    {
        var x = new TestMessage("kv1", Clock(("kv1", 1)));
        var y = new TestMessage("kv2", Clock(("kv1", 1), ("kv2", 1)));

        Assert.ThrowsAny<Exception>(() => AssertCausalOrder([x, y], [y, x]));
        Assert.ThrowsAny<Exception>(() => AssertCausalOrder([x, y], [x]));
        Assert.ThrowsAny<Exception>(() => AssertCausalOrder([x, y], [x, y, y]));
    }

    private static void AssertCausalOrder(IReadOnlyList<TestMessage> sent, IReadOnlyList<TestMessage> delivered)
    {
        Assert.Equal(sent.Count, delivered.Count);
        Assert.Equal(sent.ToHashSet().Count, delivered.ToHashSet().Count);
        Assert.True(sent.ToHashSet().SetEquals(delivered), "every message is delivered");
        for (var i = 0; i < delivered.Count; i++)
        {
            var later = delivered.Skip(i + 1);
            Assert.DoesNotContain(later, m => m.Clock.HappenedBefore(delivered[i].Clock));
        }
    }
}
