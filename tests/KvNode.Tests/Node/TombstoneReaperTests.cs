using GridAspire.KvNode.Core;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.KvNode.Tests.Node;

/// <summary>The reaper forgets a delete only once it is older than the grace and stable, oldest first.</summary>
public sealed class TombstoneReaperTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly KvStore _store = new();

    private static ReplicatedWrite Delete(string key, long sequence) =>
        new("kv1", VectorClock.From([KeyValuePair.Create("kv1", sequence)]), sequence, key, null);

    private static VectorClock Kv1At(long counter) => VectorClock.From([KeyValuePair.Create("kv1", counter)]);

    private TombstoneReaper Applied(params ReplicatedWrite[] writes)
    {
        var reaper = new TombstoneReaper(Grace, _time);
        foreach (var write in writes)
        {
            _store.Apply(write);
            reaper.Track(write);
        }

        return reaper;
    }

    [Fact]
    public void A_stable_delete_younger_than_the_grace_is_kept_and_no_peer_clock_is_asked_for()
    {
        var reaper = Applied(Delete("a", 1));
        var asked = false;

        var reaped = reaper.Reap(_store, Kv1At(1), () => { asked = true; return [Kv1At(1)]; });

        Assert.Equal(0, reaped);
        Assert.False(asked);
        Assert.Equal(1, _store.Tombstones);
    }

    [Fact]
    public void A_delete_past_the_grace_is_forgotten_once_every_peer_covers_it()
    {
        var reaper = Applied(Delete("a", 1));
        _time.Advance(Grace);

        Assert.Equal(0, reaper.Reap(_store, Kv1At(1), () => [VectorClock.Empty]));
        Assert.Equal(1, reaper.Reap(_store, Kv1At(1), () => [Kv1At(1)]));
        Assert.Equal((0, 0), (_store.Count, _store.Tombstones));
        Assert.Equal(0, reaper.Waiting);
    }

    [Fact]
    public void The_pass_stops_at_the_first_delete_not_yet_stable()
    {
        var reaper = Applied(Delete("a", 1), Delete("b", 2));
        _time.Advance(Grace);

        Assert.Equal(1, reaper.Reap(_store, Kv1At(2), () => [Kv1At(1)]));
        Assert.Equal(1, reaper.Waiting);
        Assert.Equal(1, reaper.Reap(_store, Kv1At(2), () => [Kv1At(2)]));
    }

    [Fact]
    public void A_delete_overwritten_since_is_dropped_from_the_queue_without_touching_the_store()
    {
        var reaper = Applied(Delete("a", 1), new ReplicatedWrite("kv1", Kv1At(2), 2, "a", "back"));
        _time.Advance(Grace);

        Assert.Equal(0, reaper.Reap(_store, Kv1At(2), () => [Kv1At(2)]));
        Assert.Equal(0, reaper.Waiting);
        Assert.Equal("back", _store.Get("a")?.Value);
    }

    [Fact]
    public void Nothing_is_forgotten_while_the_store_is_lent_to_a_snapshot()
    {
        var reaper = Applied(Delete("a", 1));
        _time.Advance(Grace);
        _store.Capture();

        Assert.Equal(0, reaper.Reap(_store, Kv1At(1), () => [Kv1At(1)]));
        Assert.Equal(1, reaper.Waiting);
    }
}
