using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Tests.Replication;

public sealed class PeerAcknowledgementsTests
{
    [Fact]
    public void An_acknowledgement_only_moves_forward_and_what_every_peer_has_is_the_least()
    {
        var acks = new PeerAcknowledgements();

        Assert.True(acks.Record("kv2", 5));
        Assert.False(acks.Record("kv2", 3));
        Assert.True(acks.Record("kv3", 2));

        Assert.Equal(5, acks.Of("kv2"));
        Assert.Equal(2, acks.EveryPeerHas(["kv2", "kv3"]));
        Assert.Equal(0, acks.EveryPeerHas(["kv2", "kv3", "kv4"])); // a peer that never answered holds the log back
        Assert.Equal(long.MaxValue, acks.EveryPeerHas([]));
    }

    [Fact]
    public void A_peer_that_lost_its_disk_starts_again_from_zero_and_a_replayed_record_never_lowers_a_position()
    {
        var acks = new PeerAcknowledgements();
        acks.Record("kv2", 7);
        acks.Restore("kv2", 4);
        Assert.Equal(7, acks.Of("kv2"));

        acks.Forget("kv2");

        Assert.Equal(0, acks.Of("kv2"));
        Assert.True(acks.Record("kv2", 1));
    }
}
