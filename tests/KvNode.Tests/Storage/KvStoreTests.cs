using GridAspire.KvNode.Core;
using GridAspire.KvNode.Storage;

namespace GridAspire.KvNode.Tests.Storage;

public sealed class KvStoreTests
{
    private static ReplicatedWrite Write(string origin, long lamport, string? value, params (string Node, long Counter)[] clock) =>
        new(origin, VectorClock.From(clock.Select(e => KeyValuePair.Create(e.Node, e.Counter))), lamport, "x", value);

    [Fact]
    public void A_causally_later_write_replaces_the_earlier_one()
    {
        var store = new KvStore();
        store.Apply(Write("kv1", 1, "a", ("kv1", 1)));

        var stored = store.Apply(Write("kv2", 2, "b", ("kv1", 1), ("kv2", 1)));

        Assert.Equal("b", stored.Value);
        Assert.False(stored.SupersededConcurrent);
    }

    [Fact]
    public void Concurrent_writes_converge_on_the_same_winner_in_either_order()
    {
        var fromKv1 = Write("kv1", 1, "one", ("kv1", 1));
        var fromKv2 = Write("kv2", 1, "two", ("kv2", 1));
        var a = new KvStore();
        var b = new KvStore();

        a.Apply(fromKv1);
        var atA = a.Apply(fromKv2);
        b.Apply(fromKv2);
        var atB = b.Apply(fromKv1);

        Assert.Equal("two", atA.Value);
        Assert.Equal(atA.Value, atB.Value);
        Assert.True(atA.SupersededConcurrent);
        Assert.True(atB.SupersededConcurrent);
    }

    [Fact]
    public void Higher_lamport_wins_over_node_id()
    {
        var store = new KvStore();
        store.Apply(Write("kv9", 1, "old", ("kv9", 1)));

        var stored = store.Apply(Write("kv1", 5, "new", ("kv1", 1)));

        Assert.Equal("new", stored.Value);
    }

    [Fact]
    public void A_delete_is_kept_as_a_tombstone_with_its_clock()
    {
        var store = new KvStore();
        store.Apply(Write("kv1", 1, "a", ("kv1", 1)));

        var stored = store.Apply(Write("kv1", 2, null, ("kv1", 2)));

        Assert.True(stored.IsTombstone);
        Assert.Equal(1, store.Count);
        Assert.Equal(2, store.Get("x")?.Clock["kv1"]);
    }

    [Fact]
    public void A_capture_stays_as_it_was_while_writes_go_on_and_folding_back_keeps_every_later_write()
    {
        var store = new KvStore();
        store.Apply(Write("kv1", 1, "a", ("kv1", 1)));
        store.Apply(Write("kv1", 2, "b", ("kv1", 2)) with { Key = "y" });

        var captured = store.Capture();
        store.Apply(Write("kv1", 3, "a2", ("kv1", 3)));
        store.Apply(Write("kv1", 4, "z", ("kv1", 4)) with { Key = "z" });

        Assert.Equal(["a", "b"], captured.Select(v => v.Value).Order());
        Assert.Equal("a2", store.Get("x")?.Value); // reads see the newest version during the capture
        Assert.Equal(3, store.Count);
        Assert.Throws<InvalidOperationException>(() => store.Capture());
        Assert.Throws<InvalidOperationException>(() => store.FoldBack(1));

        store.EndCapture();
        store.Apply(Write("kv1", 5, "a3", ("kv1", 5))); // written while folding back: must not be shadowed by "a2"
        while (!store.FoldBack(chunk: 1))
        {
        }

        Assert.False(store.IsCaptured);
        Assert.Equal(["a3", "b", "z"], store.All.Select(v => v.Value));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public void A_tombstone_is_forgotten_only_while_it_is_the_current_version_and_the_store_is_not_captured()
    {
        var store = new KvStore();
        store.Apply(Write("a", 1, "v", ("a", 1)));
        var delete = Write("a", 2, null, ("a", 2));
        store.Apply(delete);
        Assert.Equal((1, 1), (store.Count, store.Tombstones));

        store.Capture();
        Assert.False(store.TryReap(delete)); // a snapshot is reading the map
        store.EndCapture();
        Assert.True(store.FoldBack(chunk: 10));
        Assert.False(store.TryReap(Write("b", 2, null, ("b", 1)))); // not this key's current version

        Assert.True(store.TryReap(delete));
        Assert.Null(store.Get("x"));
        Assert.Equal((0, 0), (store.Count, store.Tombstones));

        store.Apply(Write("a", 3, "again", ("a", 3)));
        Assert.False(store.TryReap(delete)); // overwritten: nothing to forget
        Assert.Equal((1, 0), (store.Count, store.Tombstones));
    }
}
