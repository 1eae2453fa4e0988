using GridAspire.KvNode.Core;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Tests.Node;

/// <summary>
/// What the node lets out before its journal says a record is on disk: no acknowledgement, no read of its own write,
/// no replication of it. A peer's write may be read early (its origin keeps re-sending it until acknowledged).
/// </summary>
public sealed class CausalNodeDurabilityTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ControlledJournal _journal = new();
    private readonly CausalNode _node;

    public CausalNodeDurabilityTests() => _node = DetachedNode.Create(_journal, _services);

    [Fact]
    public async Task A_write_is_acknowledged_read_and_replicated_only_once_it_is_on_disk()
    {
        var write = _node.WriteAsync("x", "1", traceParent: null);
        var read = _node.ReadAsync("x").AsTask();

        Assert.False(write.IsCompleted);
        Assert.False(read.IsCompleted);
        Assert.Empty(DetachedNode.Replicator(_node).OwnWritesAfter(0, 10));
        Assert.Single(_journal.Records); // appended at once, under the node's lock

        _journal.FlushAll();

        Assert.Equal("1", (await write.WaitAsync(Deadline)).Value);
        Assert.Equal("1", (await read.WaitAsync(Deadline))?.Value);
        Assert.Equal(["x"], DetachedNode.Replicator(_node).OwnWritesAfter(0, 10).Select(w => w.Key));
    }

    [Fact]
    public async Task Only_the_durable_prefix_of_own_writes_is_offered_to_peers()
    {
        var first = _node.WriteAsync("a", "1", null);
        _journal.FlushAll();
        await first.WaitAsync(Deadline);
        _ = _node.WriteAsync("b", "2", null);

        Assert.Equal(["a"], DetachedNode.Replicator(_node).OwnWritesAfter(0, 10).Select(w => w.Key));
    }

    [Fact]
    public async Task A_state_handed_to_a_peer_is_on_disk_first_so_a_crash_cannot_take_back_a_counter_it_carries()
    {
        _ = _node.WriteAsync("x", "1", null);
        var state = DetachedNode.Rejoin(_node, _services).StateForAsync(VectorClock.Empty);

        Assert.False(state.IsCompleted);
        _journal.FlushAll();
        var handed = await state.WaitAsync(Deadline);
        Assert.Equal(1, handed!.Clock["kv1"]);
        Assert.Equal(["x"], handed.Writes.Select(w => w.Key));
    }

    [Fact]
    public async Task A_peer_batch_is_acknowledged_with_a_clock_that_is_on_disk()
    {
        var fromKv2 = new ReplicatedWrite("kv2", VectorClock.From([KeyValuePair.Create("kv2", 1L)]), 1, "y", "2");
        var ack = DetachedNode.Replicator(_node).ReceiveAsync(new ReplicationBatch("kv2", [fromKv2]));

        Assert.False(ack.IsCompleted);
        Assert.Equal("2", (await _node.ReadAsync("y"))?.Value); // the origin has it on disk and re-sends it until acknowledged
        _journal.FlushAll();
        Assert.Equal(1, (await ack.WaitAsync(Deadline))["kv2"]);
    }

    [Fact]
    public async Task A_failed_disk_fails_the_waiting_write_and_closes_the_node_to_writes()
    {
        _node.Writes.Open();
        var write = _node.WriteAsync("x", "1", null);

        _journal.Fail(new IOException("disk gone"));

        await Assert.ThrowsAsync<JournalFailedException>(() => write.WaitAsync(Deadline));
        Assert.Contains("disk gone", _node.Writes.Refusal, StringComparison.Ordinal);
    }

    public void Dispose() => _services.Dispose();
}
