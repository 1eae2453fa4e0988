using GridAspire.KvNode.Node;
using GridAspire.KvNode.Tests.Causality;

namespace GridAspire.KvNode.Tests.Node;

public sealed class IncarnationBookTests
{
    private static readonly string[] Peers = ["kv2", "kv3"];

    private static VectorClock Clock(params (string Node, long Counter)[] entries) =>
        VectorClock.From(entries.Select(e => KeyValuePair.Create(e.Node, e.Counter)));

    [Fact]
    public void An_incarnation_is_retired_once_a_newer_one_is_announced_or_seen_in_the_clock()
    {
        var book = new IncarnationBook();
        var own = Clock(("kv1", 4), ("kv2", 1));
        Assert.False(book.IsRetired("kv1", own));

        Assert.True(book.Announce("kv1.2"));
        Assert.False(book.Announce("kv1.2")); // not newer
        Assert.True(book.IsRetired("kv1", own));
        Assert.False(book.IsRetired("kv1.2", own));
        Assert.True(book.IsRetired("kv2", Clock(("kv2", 1), ("kv2.3", 1)))); // seen without an announcement
        Assert.Equal(3, book.Current("kv2", Clock(("kv2.3", 1))));
    }

    [Fact]
    public void Catch_up_comes_from_a_peer_that_reported_more_of_a_retired_incarnation_or_the_origin_of_a_write_waiting_for_it()
    {
        var book = new IncarnationBook();
        book.Announce("kv1.2");
        var own = Clock(("kv1", 3), ("kv2", 5));

        // kv2 reports more of kv2 itself: that is ordinary replication, not catch-up.
        Assert.Null(book.CatchUpSource(own, new Dictionary<string, VectorClock> { ["kv2"] = Clock(("kv1", 3), ("kv2", 9)) }, []));
        Assert.Equal("kv3", book.CatchUpSource(own, new Dictionary<string, VectorClock> { ["kv3"] = Clock(("kv1", 4)) }, []));
        var waiting = new TestMessage("kv2.4", Clock(("kv1", 5), ("kv2.4", 1)));
        Assert.Equal("kv2", book.CatchUpSource(own, new Dictionary<string, VectorClock>(), [waiting]));
        var waitingOnLive = new TestMessage("kv2", Clock(("kv3", 8), ("kv2", 6)));
        Assert.Null(book.CatchUpSource(own, new Dictionary<string, VectorClock>(), [waitingOnLive]));
    }

    [Fact]
    public void A_retired_incarnation_is_settled_only_when_every_peer_reports_the_same_counter()
    {
        var book = new IncarnationBook();
        book.Announce("kv1.2");
        var own = Clock(("kv1", 3), ("kv1.2", 1), ("kv2", 5));
        var reports = new Dictionary<string, VectorClock> { ["kv2"] = Clock(("kv1", 3)) };

        Assert.Empty(book.Settled(own, Peers, reports)); // kv3 has not reported
        Assert.True(book.Unsettled(own, Peers, reports));
        reports["kv3"] = Clock(("kv1", 2));
        Assert.Empty(book.Settled(own, Peers, reports)); // kv3 is behind
        Assert.True(book.Unsettled(own, Peers, reports));
        reports["kv3"] = Clock(("kv1", 3), ("kv3", 7));
        Assert.Equal(["kv1"], book.Settled(own, Peers, reports));
        Assert.False(book.Unsettled(own, Peers, reports));
        Assert.False(new IncarnationBook().Unsettled(Clock(("kv1", 3)), Peers, new Dictionary<string, VectorClock>())); // no disk was ever lost
    }

    [Fact]
    public void A_needed_write_is_lost_only_when_it_belongs_to_a_retired_incarnation_and_no_node_reports_it()
    {
        var book = new IncarnationBook();
        book.Announce("kv1.2");
        var own = Clock(("kv1", 3));
        var needed = Clock(("kv1", 5));
        var reports = new Dictionary<string, VectorClock> { ["kv2"] = Clock(("kv1", 4)) };

        Assert.Null(book.Lost(needed, own, Peers, reports)); // kv3 might have it
        reports["kv3"] = Clock(("kv1", 3));
        Assert.Contains("kv1:5", book.Lost(needed, own, Peers, reports), StringComparison.Ordinal);
        Assert.Null(book.Lost(Clock(("kv1", 4)), own, Peers, reports)); // kv2 has it: it is on its way
        Assert.Null(book.Lost(Clock(("kv2", 9)), own, Peers, reports)); // a live node's write: wait for it
    }
}
