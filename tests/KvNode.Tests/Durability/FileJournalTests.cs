using System.Diagnostics.Metrics;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridAspire.KvNode.Tests.Durability;

public sealed class FileJournalTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("journal-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<MeterListener> _listeners = [];

    [Fact]
    public async Task Records_appended_by_many_writers_are_durable_and_come_back_in_append_order()
    {
        var order = new List<int>();
        using (var journal = Open())
        {
            var gate = new Lock();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 50; i++)
                {
                    long position;
                    lock (gate)
                    {
                        var n = order.Count + 1;
                        order.Add(n);
                        position = journal.Append(LogSegmentTests.Record(n));
                    }

                    await journal.WhenDurable(position);
                }
            }));
            await Task.WhenAll(writers).WaitAsync(Deadline);
            Assert.Equal(journal.Appended, journal.Durable);
        }

        using var reopened = Open();
        var (snapshot, records) = reopened.Recover();
        Assert.Null(snapshot);
        Assert.Equal(order.Select(n => $"k{n}"), records.Select(r => r.Write!.Key));
        Assert.False(reopened.StartedEmpty);
    }

    [Fact]
    public async Task Under_load_writes_arriving_within_the_commit_delay_share_one_fsync()
    {
        var groups = ListenToGroups();

        // Eight writers, each writing again as soon as its last write is durable: once a group of three or more has
        // been flushed, the flusher waits the (here long) delay and every writer's next write joins one group.
        using var journal = Open(commitDelay: TimeSpan.FromMilliseconds(200));
        var next = 0;
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                await journal.WhenDurable(journal.Append(LogSegmentTests.Record(Interlocked.Increment(ref next))));
            }
        }));
        await Task.WhenAll(writers).WaitAsync(Deadline);

        // A group is measured just after its writers were released.
        await Signals.UntilAsync(journal.Flushed, () => Sum(groups) == 96, "every group measured", Deadline);
        lock (groups)
        {
            Assert.True(groups.Count(g => g == 8) >= 8, $"groups of eight after the first large one: {string.Join(", ", groups)}");
        }
    }

    [Fact]
    public async Task One_writer_is_never_made_to_wait_for_the_commit_delay()
    {
        var groups = ListenToGroups();

        // An hour's delay: if the flusher waited for it, these writes would not be durable before the deadline.
        using var journal = Open(commitDelay: TimeSpan.FromHours(1));
        for (var i = 1; i <= 5; i++)
        {
            await journal.WhenDurable(journal.Append(LogSegmentTests.Record(i))).WaitAsync(Deadline);
        }

        await Signals.UntilAsync(journal.Flushed, () => Sum(groups) == 5, "every group measured", Deadline);
        lock (groups)
        {
            Assert.Equal([1L, 1L, 1L, 1L, 1L], groups);
        }
    }

    [Fact]
    public async Task A_snapshot_replaces_the_log_before_its_marker_and_the_records_after_it_are_replayed()
    {
        var released = false;
        using (var journal = Open(snapshotEvery: 10))
        {
            for (var i = 1; i <= 5; i++)
            {
                journal.Append(LogSegmentTests.Record(i));
            }

            var written = journal.Snapshot(State(keys: 5), () => released = true);
            long last = 0;
            for (var i = 6; i <= 8; i++)
            {
                last = journal.Append(LogSegmentTests.Record(i));
            }

            var result = await written.WaitAsync(Deadline);
            await journal.WhenDurable(last).WaitAsync(Deadline);
            Assert.Equal(5, result.Records);
            Assert.True(result.Bytes > 0);
            Assert.True(released);
        }

        using var reopened = Open();
        var (snapshot, records) = reopened.Recover();
        Assert.Equal(5, snapshot!.Versions.Count());
        Assert.Equal(["k6", "k7", "k8"], records.Select(r => r.Write!.Key));
        Assert.All(LogSegment.List(_directory), s => Assert.True(s.Number >= snapshot.NextSegment));
    }

    [Fact]
    public async Task Segments_a_snapshot_covers_are_not_replayed_even_when_a_crash_left_them_behind()
    {
        using (var journal = Open())
        {
            var position = journal.Append(LogSegmentTests.Record(1));
            await journal.WhenDurable(position);
            await journal.Snapshot(State(keys: 1), () => { }).WaitAsync(Deadline);
        }

        // A crash between renaming the snapshot into place and deleting the log it covers.
        File.WriteAllText(Path.Combine(_directory, "wal.log"), "not even a record");

        using var reopened = Open();
        var (snapshot, records) = reopened.Recover();
        Assert.NotNull(snapshot);
        Assert.Empty(records);
        Assert.False(File.Exists(Path.Combine(_directory, "wal.log")));
    }

    [Fact]
    public async Task A_log_written_before_segmenting_is_read_as_the_first_segment()
    {
        using (var journal = Open())
        {
            var position = journal.Append(LogSegmentTests.Record(1));
            await journal.WhenDurable(position);
        }

        File.Move(Path.Combine(_directory, "wal-00000001.log"), Path.Combine(_directory, "wal.log"));

        using var reopened = Open();
        Assert.Equal(["k1"], reopened.Recover().Records.Select(r => r.Write!.Key));
        var next = reopened.Append(LogSegmentTests.Record(2));
        await reopened.WhenDurable(next).WaitAsync(Deadline);
    }

    [Fact]
    public void Compaction_waits_until_the_log_has_grown_as_large_as_the_last_snapshot()
    {
        var large = new ReplicatedWrite("kv1", VectorClock.From([KeyValuePair.Create("kv1", 1L)]), 1, "big", new string('v', 1 << 20));
        SnapshotFile.Write(_directory, State(keys: 0) with { Versions = [new DurableVersion(large, false)], NextSegment = 1 });

        using var journal = new FileJournal(_directory, new DurabilityOptions { SnapshotEvery = 10 }, TimeProvider.System, Metrics(), NullLogger<FileJournal>.Instance);
        for (var i = 1; i <= 20; i++)
        {
            journal.Append(LogSegmentTests.Record(i));
        }

        Assert.False(journal.WantsSnapshot); // 20 small records are far from 1 MiB
    }

    [Fact]
    public async Task Disposed_from_two_threads_at_once_both_return_only_with_the_records_on_disk_and_the_zero_fill_cut()
    {
        var journal = Open();
        var position = journal.Append(LogSegmentTests.Record(1));
        var segment = Directory.GetFiles(_directory, "wal-*").Single();

        // A host's shutdown and the test host that stopped it both dispose the node: neither may return early, nor throw.
        using var start = new Barrier(2);
        var both = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            journal.Dispose();
            return new FileInfo(segment).Length;
        })).ToList();
        var lengths = await Task.WhenAll(both).WaitAsync(Deadline);

        Assert.Equal(position, journal.Durable);
        var written = new FileInfo(segment).Length;
        Assert.All(lengths, length => Assert.Equal(written, length)); // each saw the segment as it stays
        journal.Dispose(); // and a third time, later, changes nothing
        Assert.Equal(written, new FileInfo(segment).Length);
        using var reopened = Open();
        Assert.Equal("k1", Assert.Single(reopened.Recover().Records).Write!.Key);
    }

    public void Dispose()
    {
        _listeners.ForEach(l => l.Dispose());
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private FileJournal Open(int snapshotEvery = 10_000, TimeSpan? commitDelay = null) =>
        new(
            _directory,
            new DurabilityOptions { SnapshotEvery = snapshotEvery, CommitDelay = commitDelay ?? new DurabilityOptions().CommitDelay },
            TimeProvider.System,
            Metrics(),
            NullLogger<FileJournal>.Instance);

    private static long Sum(List<long> groups)
    {
        lock (groups)
        {
            return groups.Sum();
        }
    }

    // The records of every group the journal flushes, in order (kv.journal.flush.records).
    private List<long> ListenToGroups()
    {
        var groups = new List<long>();

        // Taken once, not in the callback: a listener hears every instrument any test in the process publishes, and one
        // published while this test is being disposed would otherwise ask a disposed provider and fail that other test.
        var factory = _services.GetRequiredService<IMeterFactory>();
        var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "kv.journal.flush.records")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, records, _, _) =>
        {
            lock (groups)
            {
                groups.Add(records);
            }
        });
        meters.Start();
        _listeners.Add(meters);
        return groups;
    }

    private KvMetrics Metrics() => new(_services.GetRequiredService<IMeterFactory>());

    private static DurableState State(int keys) => new(
        VectorClock.From([KeyValuePair.Create("kv1", (long)keys)]),
        keys,
        0,
        [],
        new Dictionary<string, long>(),
        Enumerable.Range(1, keys).Select(i => new DurableVersion(LogSegmentTests.Record(i).Write!, false)).ToList());
}
