using System.Diagnostics.Metrics;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Node;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridAspire.KvNode.Tests.Node;

/// <summary>A state transfer on disk counts whole or not at all, and a rejoin's records survive a restart.</summary>
public sealed class MergeReplayTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kv-merge-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<FileJournal> _opened = [];

    [Fact]
    public async Task A_transfer_cut_short_before_its_closing_record_is_left_out_on_replay()
    {
        var a = Write("kv2", "a", ("kv2", 1));
        var b = Write("kv2", "b", ("kv2", 2));
        await AppendAsync(new LogRecord(Merged: [a]), new LogRecord(Merged: [b])); // a crash before the MergedClock record

        var node = Open();

        Assert.Null(await node.ReadAsync("a"));
        Assert.Equal(VectorClock.Empty, node.Clock);
    }

    [Fact]
    public async Task A_rejoin_whose_state_never_reached_the_disk_is_done_again()
    {
        await AppendAsync(new LogRecord(Incarnation: "kv1.2"), new LogRecord(Merged: [Write("kv2", "a", ("kv2", 1))]));

        var node = Open();

        Assert.True(node.StartedEmpty); // the guard rejoins again, under a newer incarnation
        Assert.Null(await node.ReadAsync("a"));
    }

    [Fact]
    public async Task A_complete_transfer_and_a_rejoin_are_replayed_with_the_new_incarnation_and_the_peers_acknowledgement_reset()
    {
        var a = Write("kv2", "a", ("kv1", 3), ("kv2", 1));
        var clock = VectorClock.From([KeyValuePair.Create("kv1", 3L), KeyValuePair.Create("kv2", 1L)]);
        await AppendAsync(
            new LogRecord(Peer: "kv3", Acked: 7),
            new LogRecord(Incarnation: "kv1.2"),
            new LogRecord(Merged: [a]),
            new LogRecord(MergedClock: clock),
            new LogRecord(Announced: "kv3.2"));

        var node = Open();

        Assert.Equal("kv1.2", node.WriterId);
        Assert.Equal("a", (await node.ReadAsync("a"))?.Key);
        Assert.Equal(clock, node.Clock);
        Assert.Equal(0, DetachedNode.Replicator(node).AckedBy("kv3")); // kv3's old acknowledgement went with its disk
        Assert.Equal(2, DetachedNode.Rejoin(node, _services).KnownIncarnations()["kv3"]);
        var own = await node.WriteAsync("c", "1", null).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, own.Clock["kv1.2"]);
        Assert.Equal(3, own.Clock["kv1"]);
    }

    [Fact]
    public async Task A_node_killed_before_it_decided_which_entry_it_writes_under_asks_its_peers_again_though_its_journal_is_not_empty()
    {
        // What a start on an empty disk journals before it has asked its peers: their acknowledgements of the lost
        // incarnation's writes and a delivered write. Taken as a whole disk, the node would write as kv1 from 0 again.
        await AppendAsync(new LogRecord(Peer: "kv2", Acked: 3), new LogRecord(Write: Write("kv2", "a", ("kv2", 1))));

        var node = Open();

        Assert.True(node.StartedEmpty);
    }

    [Fact]
    public async Task A_new_node_that_decided_or_wrote_restarts_as_itself()
    {
        await AppendAsync(new LogRecord(Incarnation: "kv1"), new LogRecord(Write: Write("kv2", "a", ("kv2", 1))));
        var decided = Open();
        Assert.False(decided.StartedEmpty);
        Assert.Equal("kv1", decided.WriterId);
        decided.SettleAsNew(); // already settled: nothing more journaled
        var own = await decided.WriteAsync("b", "1", null).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, own.Clock["kv1"]);
        CloseLast();

        var reopened = Open(); // its own write says it had decided, whatever else the log holds
        Assert.False(reopened.StartedEmpty);
        Assert.Equal("b", (await reopened.ReadAsync("b"))?.Key);
    }

    [Fact]
    public async Task Settling_as_a_new_node_is_journaled_so_the_next_start_knows()
    {
        await AppendAsync(new LogRecord(Peer: "kv2", Acked: 0));
        var first = Open();
        Assert.True(first.StartedEmpty);

        first.SettleAsNew();
        await first.WriteAsync("x", "1", null).WaitAsync(TimeSpan.FromSeconds(5)); // durable, and so is all before it
        CloseLast();

        Assert.False(Open().StartedEmpty);
    }

    private static ReplicatedWrite Write(string origin, string key, params (string Node, long Counter)[] clock) =>
        new(origin, VectorClock.From(clock.Select(c => KeyValuePair.Create(c.Node, c.Counter))), clock.Max(c => c.Counter), key, key);

    private async Task AppendAsync(params LogRecord[] records)
    {
        using var journal = NewJournal();
        var last = 0L;
        foreach (var record in records)
        {
            last = journal.Append(record);
        }

        await journal.WhenDurable(last).WaitAsync(TimeSpan.FromSeconds(5));
    }

    private FileJournal NewJournal() =>
        new(_directory, new DurabilityOptions(), TimeProvider.System, new KvMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<FileJournal>.Instance);

    // A restart: the last journal opened is closed before the next opens the same directory.
    private void CloseLast()
    {
        var last = _opened[^1];
        _opened.Remove(last);
        last.Dispose();
    }

    private CausalNode Open()
    {
        var journal = NewJournal();
        _opened.Add(journal);
        return DetachedNode.Create(journal, _services);
    }

    public void Dispose()
    {
        foreach (var journal in _opened)
        {
            journal.Dispose();
        }

        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
