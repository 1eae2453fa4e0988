using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Tests.Causality;

public sealed class CausalStabilityTests
{
    private static VectorClock Clock(params (string Node, long Counter)[] entries) =>
        VectorClock.From(entries.Select(e => KeyValuePair.Create(e.Node, e.Counter)));

    [Fact]
    public void A_write_is_stable_once_this_node_and_what_it_knows_of_every_peer_cover_it()
    {
        var delete = Clock(("a", 2));
        var own = Clock(("a", 2), ("b", 1), ("c", 0));
        var b = CausalStability.Known("b", own, latestWrite: Clock(("a", 2), ("b", 1)), reported: null);

        Assert.False(CausalStability.IsStable(delete, own, [b, null])); // nothing known of c yet
        Assert.True(CausalStability.IsStable(delete, own, [b, Clock(("a", 2))]));
        Assert.False(CausalStability.IsStable(Clock(("a", 3)), own, [b, Clock(("a", 3))])); // not delivered here
    }

    [Fact]
    public void A_peer_report_counts_only_once_every_write_of_that_peer_it_covers_has_been_delivered_here()
    {
        // b has delivered the delete a:2, but before that it wrote b:1 (concurrent with the delete), not yet here:
        // b:1 could still lose to the delete here, so the delete must not be forgotten yet.
        var delete = Clock(("a", 2));
        var reportedByB = Clock(("a", 2), ("b", 1));

        var before = CausalStability.Known("b", Clock(("a", 2)), latestWrite: null, reported: reportedByB);
        var after = CausalStability.Known("b", Clock(("a", 2), ("b", 1)), latestWrite: null, reported: reportedByB);

        Assert.Null(before);
        Assert.False(CausalStability.IsStable(delete, Clock(("a", 2)), [before]));
        Assert.True(CausalStability.IsStable(delete, Clock(("a", 2), ("b", 1)), [after]));
    }

    [Fact]
    public void The_later_of_a_peers_latest_write_and_its_report_is_what_is_known()
    {
        var own = Clock(("a", 5), ("b", 3));

        var known = CausalStability.Known("b", own, latestWrite: Clock(("a", 1), ("b", 3)), reported: Clock(("a", 5), ("b", 2)));

        Assert.Equal(Clock(("a", 5), ("b", 3)), known);
    }
}
