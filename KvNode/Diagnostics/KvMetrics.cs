using System.Diagnostics.Metrics;

namespace GridAspire.KvNode.Diagnostics;

/// <summary>
/// The KV node's metrics, every one of them (meter <see cref="MeterName"/>): event counters and histograms recorded by
/// the node, and its state as gauges. OpenTelemetry exports them over OTLP (the Aspire dashboard) and serves them to
/// Prometheus on <c>/metrics</c>, with the Prometheus names <c>kv_buffer_depth</c>, <c>kv_writes_total</c>, ...
/// </summary>
public sealed class KvMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "GridAspire.KvNode";

    private readonly Counter<long> _writes;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _buffered;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _bufferedSeconds;
    private readonly Counter<long> _contextTimeouts;
    private readonly Counter<long> _eventsDropped;
    private readonly Counter<long> _bufferFull;
    private readonly Histogram<double> _flushSeconds;
    private readonly Histogram<long> _flushRecords;
    private readonly Histogram<double> _snapshotSeconds;
    private readonly Counter<long> _tombstonesReaped;
    private readonly Histogram<long> _batchWrites;
    private readonly Counter<long> _resent;
    private readonly Counter<long> _windowQueries;
    private readonly Counter<long> _stateMerged;
    private readonly Counter<long> _lostWrites;
    private readonly Histogram<long> _batchKeys;
    private readonly Counter<long> _discarded;
    private readonly Counter<long> _membershipChanges;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public KvMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _writes = Meter.CreateCounter<long>("kv.writes", "{write}", "Writes accepted from clients at this node.");
        _deliveries = Meter.CreateCounter<long>("kv.deliveries", "{write}", "Writes from peers delivered in causal order.");
        _duplicates = Meter.CreateCounter<long>("kv.duplicates", "{write}", "Re-sent writes that were already delivered.");
        _buffered = Meter.CreateCounter<long>("kv.buffered", "{write}", "Writes that arrived before their causal past.");
        _rejected = Meter.CreateCounter<long>("kv.replication.rejected", "{write}", "Peer writes refused as invalid.");
        _bufferedSeconds = Meter.CreateHistogram<double>(
            "kv.buffered.duration", "s", "Time a write spent buffered before its causal past arrived.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _flushSeconds = Meter.CreateHistogram<double>(
            "kv.journal.flush.duration", "s", "Time to write and fsync one group of log records (group commit).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        _flushRecords = Meter.CreateHistogram<long>(
            "kv.journal.flush.records", "{record}", "Log records made durable by one fsync: the group commit's batch size.");
        _snapshotSeconds = Meter.CreateHistogram<double>(
            "kv.journal.snapshot.duration", "s", "Time to write a snapshot and delete the log it replaces (in the background).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _batchWrites = Meter.CreateHistogram<long>(
            "kv.replication.batch.size", "{write}", "Writes in one frame of a link's replication stream (whatever was durable and not yet sent when the link took it).",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
        _resent = Meter.CreateCounter<long>(
            "kv.replication.resent", "{write}", "Writes sent to a peer again: a frame was lost, the peer's buffer was full, or the stream was opened again.");
        _windowQueries = Meter.CreateCounter<long>(
            "kv.replication.window.queries", "{frame}", "Clock exchanges a link sent because its window was full (Kv:Replication:MaxInFlight) and no acknowledgement came for Kv:Replication:ClockExchangeInterval.");
        _stateMerged = Meter.CreateCounter<long>(
            "kv.state.merged", "{write}", "Writes taken over as state from a peer: on rejoining after a lost disk, or writes of a retired incarnation another node had.");
        _lostWrites = Meter.CreateCounter<long>(
            "kv.context.lost", "{request}", "Requests answered 410: their context needs writes lost with a node's disk.");
        _bufferFull = Meter.CreateCounter<long>(
            "kv.buffer.refused", "{write}", "Writes neither buffered nor acknowledged because the buffer was full (re-sent later).");
        _tombstonesReaped = Meter.CreateCounter<long>(
            "kv.tombstones.reaped", "{key}", "Deletes forgotten once causally stable (every write still to come follows them).");
        _eventsDropped = Meter.CreateCounter<long>(
            "kv.events.dropped", "{event}", "Events a slow watcher of /events lost (oldest first); the node never waits for watchers.");
        _contextTimeouts = Meter.CreateCounter<long>(
            "kv.context.timeouts", "{request}", "Requests refused with 409 because this node was behind the client.");
        _discarded = Meter.CreateCounter<long>(
            "kv.buffer.discarded", "{write}", "Buffered writes of a lost incarnation dropped: they waited for a write that went with its disk.");
        _membershipChanges = Meter.CreateCounter<long>(
            "kv.membership.changes", "{change}", "Membership changes this node applied (change: joined, removed, or left for this node's own departure), whether asked here or told by a peer.");
        _batchKeys = Meter.CreateHistogram<long>(
            "kv.batch.keys", "{key}", "Keys per multi-key request (operation: read, from one causal cut; write, made visible as one).",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100] });
    }

    /// <summary>The meter, for observable instruments registered by their owners.</summary>
    public Meter Meter { get; }

    /// <summary>Counts a buffered write of <paramref name="origin"/> (a lost incarnation) dropped as undeliverable.</summary>
    public void Discarded(string origin) => _discarded.Add(1, new KeyValuePair<string, object?>("origin", origin));

    /// <summary>Counts a membership change applied here (<paramref name="change"/>: joined, removed, left).</summary>
    public void MembershipChanged(string change) => _membershipChanges.Add(1, new KeyValuePair<string, object?>("change", change));

    /// <summary>Reports how many members the node knows in each state (active, removed).</summary>
    public void ObserveMembers(string nodeId, Func<(int Active, int Removed)> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var node = new KeyValuePair<string, object?>("node", nodeId);
        Meter.CreateObservableGauge(
            "kv.members",
            () =>
            {
                var (active, removed) = read();
                return new[] { new Measurement<int>(active, node, new("state", "active")), new Measurement<int>(removed, node, new("state", "removed")) };
            },
            "{node}",
            "Cluster members as this node knows them, by state: active ones replicate, removed ones are gone for good.");
    }

    /// <summary>Records a multi-key request of <paramref name="keys"/> keys (<paramref name="operation"/>: read or write).</summary>
    public void Batch(string operation, int keys) => _batchKeys.Record(keys, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Counts a client write (<paramref name="operation"/> is put, delete or batch: one atomic multi-key write).</summary>
    public void Write(string operation) => _writes.Add(1, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Counts a delivery and how long the write waited in the buffer.</summary>
    public void Delivered(string origin, TimeSpan buffered)
    {
        var tag = new KeyValuePair<string, object?>("origin", origin);
        _deliveries.Add(1, tag);
        _bufferedSeconds.Record(buffered.TotalSeconds, tag);
    }

    /// <summary>Counts duplicates of <paramref name="origin"/>'s writes.</summary>
    public void Duplicate(string origin, int count) => _duplicates.Add(count, new KeyValuePair<string, object?>("origin", origin));

    /// <summary>Counts a write that had to wait for its causal past.</summary>
    public void Buffered(string origin) => _buffered.Add(1, new KeyValuePair<string, object?>("origin", origin));

    /// <summary>Counts an invalid peer write.</summary>
    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records writes taken over from <paramref name="peer"/>'s state (<paramref name="reason"/>: rejoin or catch_up).</summary>
    public void StateMerged(string peer, string reason, int writes) =>
        _stateMerged.Add(writes, new KeyValuePair<string, object?>("peer", peer), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records a request refused because its context needs writes lost with a disk.</summary>
    public void ContextLost() => _lostWrites.Add(1);

    /// <summary>Records one replication request to <paramref name="peer"/>: its writes, and how many of them were sent before.</summary>
    public void BatchSent(string peer, int writes, int resent)
    {
        var tag = new KeyValuePair<string, object?>("peer", peer);
        _batchWrites.Record(writes, tag);
        if (resent > 0)
        {
            _resent.Add(resent, tag);
        }
    }

    /// <summary>Counts a clock exchange sent by a link whose window was full and heard nothing (see <see cref="KvLog.WindowFullQuery"/>).</summary>
    public void WindowQueried(string peer) => _windowQueries.Add(1, new KeyValuePair<string, object?>("peer", peer));

    /// <summary>Records one group commit: how long the write and fsync took and how many records it made durable.</summary>
    public void JournalFlushed(TimeSpan duration, int records)
    {
        _flushSeconds.Record(duration.TotalSeconds);
        _flushRecords.Record(records);
    }

    /// <summary>Records a compaction into a snapshot.</summary>
    public void SnapshotWritten(TimeSpan duration) => _snapshotSeconds.Record(duration.TotalSeconds);

    /// <summary>
    /// Reports the node's state as gauges, read from <paramref name="read"/> when metrics are collected (a scrape of
    /// <c>/metrics</c>, or an OTLP export): buffer depth, own writes, tombstones, the delivered clock per origin and,
    /// per peer, the replication lag and reachability. Each gauge reads the state when it is collected (a few short
    /// reads per scrape, never a stale cached one).
    /// </summary>
    public void ObserveState(string nodeId, Func<KvGauges> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var node = new KeyValuePair<string, object?>("node", nodeId);

        Meter.CreateObservableGauge("kv.buffer.depth", () => new Measurement<int>(read().BufferDepth, node), "{write}", "Writes waiting for their causal past.");
        Meter.CreateObservableGauge("kv.own_writes", () => new Measurement<long>(read().OwnWrites, node), "{write}", "Writes this node accepted from clients.");
        Meter.CreateObservableGauge("kv.tombstones", () => new Measurement<int>(read().Tombstones, node), "{key}", "Deletes held until causally stable, then forgotten.");
        Meter.CreateObservableGauge(
            "kv.incarnations.retired", () => new Measurement<int>(read().RetiredIncarnations, node), "{entry}", "Clock entries of incarnations lost with a disk.");
        Meter.CreateObservableGauge(
            "kv.incarnations.pruned", () => new Measurement<int>(read().PrunedIncarnations, node), "{entry}",
            "Retired incarnations every node has all writes of, which new writes leave out of their clocks.");
        Meter.CreateObservableGauge(
            "kv.clock",
            () => read().Clock.Select(e => new Measurement<long>(e.Value, node, new("origin", e.Key))),
            "{write}",
            "Delivered vector clock entry per origin.");
        Meter.CreateObservableGauge(
            "kv.replication.lag",
            () => read().Peers.Select(p => new Measurement<long>(p.Lag, node, new("peer", p.Peer))),
            "{write}",
            "Own writes a peer has not yet acknowledged.");
        Meter.CreateObservableGauge(
            "kv.peer.reachable",
            () => read().Peers.Select(p => new Measurement<int>(p.Reachable ? 1 : 0, node, new("peer", p.Peer))),
            description: "1 when the last send to the peer succeeded.");
    }

    /// <summary>Reports the records appended to the journal and not yet durable (writers waiting on the disk).</summary>
    public void ObserveJournal(Func<long> waiting) =>
        Meter.CreateObservableGauge("kv.journal.waiting", waiting, "{record}", "Log records appended and not yet on disk.");

    /// <summary>Counts writes turned away by a full buffer.</summary>
    public void BufferFull(string origin, int count) => _bufferFull.Add(count, new KeyValuePair<string, object?>("origin", origin));

    /// <summary>Counts tombstones forgotten because they became causally stable.</summary>
    public void TombstonesReaped(int count) => _tombstonesReaped.Add(count);

    /// <summary>Counts a causal-context wait that timed out.</summary>
    public void ContextTimeout() => _contextTimeouts.Add(1);

    /// <summary>Counts an event a slow watcher of <c>/events</c> lost.</summary>
    public void EventsDropped() => _eventsDropped.Add(1);
}
