using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Events;
using GridAspire.KvNode.Replication;
using GridAspire.KvNode.Storage;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Node;

/// <summary>
/// One replica's causal state: delivered clock and buffer, the key-value store, the log of its own writes and its
/// Lamport clock. Every mutation happens under one short lock, so the clock, the store and the journal's order never
/// disagree; the lock holds no I/O, no serialisation and no logging. Waiting (for the disk, for a client's context,
/// for new writes to replicate) happens outside it.
/// </summary>
/// <remarks>
/// Durability: a client's write is acknowledged, and a peer's batch is acknowledged, only once the journal has the
/// records on disk (group commit: one fsync for whatever accumulated). An own write is never replicated and never
/// returned by a read before it is durable, so a crash can lose only writes nobody has seen, and no (node, counter)
/// pair is ever reused. A peer's write may be read before it is durable here: its origin has it on disk and re-sends
/// it until this node acknowledges it.
/// </remarks>
public sealed partial class CausalNode : IReplicationSource
{
    private readonly Lock _gate = new();
    private readonly DeliveryBuffer<PendingWrite> _buffer;
    private readonly KvStore _store = new();
    private readonly OwnWriteLog _ownWrites = new();
    private readonly RecentDeliveries _recent = new(capacity: 50);
    private readonly KvMetrics _metrics;
    private readonly ILogger<CausalNode> _logger;
    private readonly TimeProvider _time;
    private readonly INodeJournal _journal;
    private readonly NodeEventFeed _events;
    private readonly Dictionary<string, long> _acked = new(StringComparer.Ordinal);
    // What this node knows of each peer's delivered clock, for causal stability (see CausalStability).
    private readonly Dictionary<string, VectorClock> _latestWriteFrom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VectorClock> _reportedBy = new(StringComparer.Ordinal);
    // Deletes in the order they were applied here, each waiting to become stable and be forgotten.
    private readonly Queue<(ReplicatedWrite Delete, long AppliedAt)> _tombstones = new();
    private readonly IncarnationBook _incarnations = new();
    private readonly TimeSpan _tombstoneGrace;
    private readonly string[] _peers;
    private readonly int _maxBuffered;
    private long _lamport;
    // The clock entry own writes go under: the node id, or a new incarnation of it after a lost disk.
    private volatile string _writer;
    // Retired incarnations whose writes every node has: new writes leave them out of their clocks. Only ever grows.
    private HashSet<string> _pruned = new(StringComparer.Ordinal);
    // Set (under the lock) once some incarnation is known to be retired; read without it, so the paths every request and
    // every acknowledgement take (lost-write checks, pruning, catch-up) cost nothing until some disk was lost.
    private volatile bool _someDiskLost;
    // Restored an Incarnation record without the state transfer that follows it.
    private bool _rejoinUnfinished;

    /// <summary>Creates the node described by <paramref name="options"/>, restoring what <paramref name="journal"/> kept.</summary>
    public CausalNode(
        IOptions<KvOptions> options, KvMetrics metrics, ILogger<CausalNode> logger, TimeProvider time, INodeJournal journal, NodeEventFeed events)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(journal);
        NodeId = options.Value.NodeId;
        Members = options.Value.Members;
        _peers = [.. Members.Where(m => m != NodeId)];
        _maxBuffered = options.Value.MaxBufferedWrites;
        _tombstoneGrace = options.Value.TombstoneGrace;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _journal = journal;
        _events = events;
        _writer = NodeId;
        var (snapshot, records) = journal.Recover();
        _buffer = new DeliveryBuffer<PendingWrite>(snapshot?.Clock);
        Restore(snapshot, records);
        _someDiskLost = _incarnations.AnyRetired(_buffer.Clock);
    }

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>The clock entry this node's writes go under: its id, or <c>id.N</c> once it rejoined after losing its disk.</summary>
    public string WriterId => _writer;

    /// <summary>Every node id of the cluster.</summary>
    public IReadOnlySet<string> Members { get; }

    /// <summary>Pulses whenever causally stable tombstones were forgotten.</summary>
    public AsyncSignal TombstonesForgotten { get; } = new();

    /// <summary>Pulses whenever the delivered clock moves (a local write or a delivery).</summary>
    public AsyncSignal ClockAdvanced { get; } = new();

    /// <summary>Pulses whenever a peer's delivered clock is learnt.</summary>
    public AsyncSignal PeerClockObserved { get; } = new();

    /// <summary>Pulses after every replication batch, whatever it did (delivered, buffered or duplicate).</summary>
    public AsyncSignal Received { get; } = new();

    /// <inheritdoc/>
    public AsyncSignal OwnWritesDurable => _journal.Flushed;

    /// <summary>
    /// True when the journal held nothing from an earlier run, or only the start of a rejoin that never took its state
    /// (the node must rejoin again; it never accepted a write under that incarnation).
    /// </summary>
    public bool StartedEmpty => _journal.StartedEmpty || _rejoinUnfinished;

    /// <summary>Whether client writes are accepted now.</summary>
    public WriteGate Writes { get; } = new();

    /// <inheritdoc/>
    public long AckedBy(string peer)
    {
        lock (_gate)
        {
            return _acked.GetValueOrDefault(peer);
        }
    }

    /// <inheritdoc/>
    public void RecordAck(string peer, long acked)
    {
        lock (_gate)
        {
            if (acked <= _acked.GetValueOrDefault(peer))
            {
                return;
            }

            // Not waited for: a forgotten acknowledgement only means the peer is sent a duplicate after a restart.
            _acked[peer] = acked;
            _journal.Append(new LogRecord(Peer: peer, Acked: acked));
            var everyPeerHas = long.MaxValue;
            foreach (var member in _peers)
            {
                everyPeerHas = Math.Min(everyPeerHas, _acked.GetValueOrDefault(member));
            }

            _ownWrites.TrimThrough(everyPeerHas);
            SnapshotIfDue();
        }
    }

    /// <summary>The delivered clock now.</summary>
    public VectorClock Clock
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Clock;
            }
        }
    }

    /// <inheritdoc/>
    public long OwnWrites
    {
        get
        {
            lock (_gate)
            {
                return _ownWrites.LastSequence;
            }
        }
    }

    private int BufferDepth
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Count;
            }
        }
    }

    /// <summary>
    /// Accepts a client's put (<paramref name="value"/> non-null) or delete (null) as this node's next write and
    /// completes once it is durable. Throws <see cref="JournalFailedException"/> when the disk failed.
    /// </summary>
    public async Task<StoredVersion> WriteAsync(string key, string? value, string? traceParent)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        StoredVersion stored;
        long position;
        int reaped;
        lock (_gate)
        {
            var writer = _writer;
            _buffer.Tick(writer);
            var clock = _pruned.Count == 0 ? _buffer.Clock : _buffer.Clock.Without(_pruned);
            var write = new ReplicatedWrite(writer, clock, ++_lamport, key, value, traceParent);
            position = _journal.Append(new LogRecord(write));
            _ownWrites.Append(write, position);
            stored = Apply(write);
            if (_events.IsWatched)
            {
                _events.Publish(new NodeEvent(
                    NodeEventKind.Write, _buffer.Clock, key, writer, write.Sequence, write.Clock, Detail: value is null ? "delete" : "put"));
            }

            reaped = ReapStableTombstones(); // a node without peers hears no acks: its own writes move it on
            SnapshotIfDue();
        }

        ReportReaped(reaped);

        var operation = value is null ? "delete" : "put";
        _metrics.Write(operation);
        KvLog.LocalWrite(_logger, key, NodeId, stored.Clock, operation);
        ClockAdvanced.Pulse();
        await DurableAsync(position);
        return stored;
    }

    /// <summary>
    /// The version of <paramref name="key"/> this node exposes, tombstones included. An own write still on its way
    /// to the disk is returned once it is there (at most one flush later), never before.
    /// </summary>
    public async ValueTask<StoredVersion?> ReadAsync(string key)
    {
        StoredVersion? version;
        long position;
        lock (_gate)
        {
            version = _store.Get(key);
            position = version is { } own && own.Write.Origin == _writer ? _ownWrites.PositionOf(own.Write.Sequence) : 0;
        }

        if (position > _journal.Durable)
        {
            await DurableAsync(position);
        }

        return version;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ReplicatedWrite> OwnWritesAfter(long acknowledged, int max)
    {
        lock (_gate)
        {
            return _ownWrites.After(acknowledged, max, _journal.Durable);
        }
    }

    /// <summary>
    /// Receives a validated batch from a peer, delivers whatever the causal delivery rule allows, and returns the
    /// delivered clock to acknowledge once everything it covers is durable here. <paramref name="sentAs"/> is the
    /// sender's event id for the batch, when it said (for the event stream's arrows).
    /// </summary>
    public async Task<VectorClock> ReceiveAsync(ReplicationBatch batch, long? sentAs = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var delivered = new List<PendingWrite>();
        var buffered = new List<ReplicatedWrite>();
        var refused = 0;
        var now = _time.GetTimestamp();
        VectorClock? before = null;
        VectorClock after;
        long position;
        int reaped;
        lock (_gate)
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                before = _buffer.Clock;
            }

            var watched = _events.IsWatched && batch.Writes.Count > 0; // an empty batch only asks for the clock
            if (watched)
            {
                _events.Publish(new NodeEvent(
                    NodeEventKind.Receive, _buffer.Clock, Peer: batch.From, SentAs: sentAs,
                    Writes: [.. batch.Writes.Select(w => $"{w.Origin}:{w.Sequence}")]));
            }

            foreach (var write in batch.Writes)
            {
                var arrival = new PendingWrite(write, now);
                if (_buffer.Count >= _maxBuffered && _buffer.WouldBuffer(arrival))
                {
                    refused++;
                    if (watched)
                    {
                        Publish(NodeEventKind.Refused, write, $"the delivery buffer holds {_maxBuffered} writes");
                    }

                    continue;
                }

                var clockBefore = _buffer.Clock;
                var result = _buffer.Receive(arrival);
                if (watched)
                {
                    PublishOutcome(result, write, clockBefore);
                }

                switch (result.Status)
                {
                    case DeliveryStatus.Duplicate:
                        _metrics.Duplicate(write.Origin);
                        break;
                    case DeliveryStatus.Buffered:
                        buffered.Add(write);
                        break;
                    case DeliveryStatus.Delivered:
                        foreach (var pending in result.Delivered)
                        {
                            _lamport = Math.Max(_lamport, pending.Write.Lamport);
                            _latestWriteFrom[pending.Write.Origin] = pending.Write.Clock;
                            Apply(pending.Write);
                            _recent.Add(pending.Write);
                            _journal.Append(new LogRecord(pending.Write));
                            delivered.Add(pending);
                        }

                        break;
                }
            }

            after = _buffer.Clock;
            position = _journal.Appended;
            reaped = delivered.Count > 0 ? ReapStableTombstones() : 0;
            SnapshotIfDue();
        }

        ReportReaped(reaped);
        Report(batch.From, delivered, buffered, refused, now, before, after);
        Received.Pulse();

        // The sender trims its log by this answer: everything it covers must be on disk here first.
        await DurableAsync(position);
        return after;
    }

    // Under the lock, while watched: what the delivery rule decided for one arrival, with the clock after each step.
    private void PublishOutcome(DeliveryResult<PendingWrite> result, ReplicatedWrite arrived, VectorClock clockBefore)
    {
        switch (result.Status)
        {
            case DeliveryStatus.Duplicate:
                Publish(NodeEventKind.Duplicate, arrived, $"already delivered: {arrived.Origin} is at {clockBefore[arrived.Origin]} here");
                break;
            case DeliveryStatus.Buffered:
                var missing = DeliveryRule.Missing(new PendingWrite(arrived, 0), node => clockBefore[node]);
                _events.Publish(new NodeEvent(
                    NodeEventKind.Buffered, clockBefore, arrived.Key, arrived.Origin, arrived.Sequence, arrived.Clock, Missing: missing,
                    Detail: "waits for " + string.Join(", ", missing.Entries.Select(e => $"{e.Key}:{e.Value} (here {clockBefore[e.Key]})"))));
                break;
            case DeliveryStatus.Delivered:
                var local = clockBefore;
                foreach (var pending in result.Delivered)
                {
                    var write = pending.Write;
                    local = local.With(write.Origin, write.Sequence);
                    _events.Publish(new NodeEvent(
                        NodeEventKind.Delivered, local, write.Key, write.Origin, write.Sequence, write.Clock,
                        Detail: ReferenceEquals(write, arrived) ? "passed the delivery rule on arrival" : "released from the buffer: its causal past is here"));
                }

                break;
        }
    }

    private void Publish(string kind, ReplicatedWrite write, string detail) =>
        _events.Publish(new NodeEvent(kind, _buffer.Clock, write.Key, write.Origin, write.Sequence, write.Clock, Detail: detail));

    /// <summary>A consistent snapshot for <c>/status</c>.</summary>
    public NodeSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new NodeSnapshot(
                _buffer.Clock,
                _buffer.Pending.Select(p => p.Write).ToList(),
                _ownWrites.LastSequence,
                _store.Count,
                _store.Tombstones,
                _recent.ToList(),
                _journal.Appended - _journal.Durable,
                _buffer.Clock.Nodes.Count(n => _incarnations.IsRetired(n, _buffer.Clock)),
                _pruned.Count);
        }
    }

    /// <summary>Every current version, for convergence checks.</summary>
    public IReadOnlyList<StoredVersion> Versions()
    {
        lock (_gate)
        {
            return _store.All.ToList();
        }
    }

    /// <summary>
    /// Compacts the journal now (an operator's backup point, or a benchmark's): captures the state and completes when
    /// the snapshot is on disk. Null when one is already being written.
    /// </summary>
    public Task<SnapshotWritten>? SnapshotNow()
    {
        lock (_gate)
        {
            return _store.IsCaptured ? null : StartSnapshot();
        }
    }

    /// <summary>
    /// Waits until this node has delivered everything <paramref name="needed"/> covers, or the timeout passes.
    /// Returns false on timeout: the caller answers that the node is behind.
    /// </summary>
    public async Task<bool> WaitForAsync(VectorClock needed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needed);
        if (needed.IsEmpty)
        {
            return true;
        }

        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            var advanced = ClockAdvanced.Next;
            if (Covers(needed))
            {
                return true;
            }

            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                _metrics.ContextTimeout();
                var local = Clock;
                KvLog.ContextTimeout(_logger, needed, NodeId, local, timeout);
                if (_events.IsWatched)
                {
                    var missing = VectorClock.From(needed.Entries.Where(e => local[e.Key] < e.Value));
                    _events.Publish(new NodeEvent(
                        NodeEventKind.Behind, local, Missing: missing, Detail: $"answered 409 after {timeout.TotalSeconds:0.#} s: the request needs {needed}"));
                }
                return false;
            }

            try
            {
                await advanced.WaitAsync(remaining, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Loop once more: the last check decides.
            }
        }
    }

    private bool Covers(VectorClock needed)
    {
        lock (_gate)
        {
            return _buffer.Covers(needed);
        }
    }

    private async Task DurableAsync(long position)
    {
        try
        {
            await _journal.WhenDurable(position);
        }
        catch (JournalFailedException ex)
        {
            Writes.Close(ex.Message);
            throw;
        }
    }

    // Logs, metrics and spans of a batch, after the lock: none of it may hold up other requests.
    private void Report(
        string from, List<PendingWrite> delivered, List<ReplicatedWrite> buffered, int refused, long now, VectorClock? before, VectorClock after)
    {
        foreach (var write in buffered)
        {
            _metrics.Buffered(write.Origin);
            KvLog.Buffered(_logger, write.Key, write.Origin, write.Clock, after);
            KvTracing.Mark("kv.buffered", write.TraceParent, NodeId);
        }

        var local = before;
        foreach (var pending in delivered)
        {
            var write = pending.Write;
            _metrics.Delivered(write.Origin, _time.GetElapsedTime(pending.ArrivedTimestamp, now));
            using var activity = KvTracing.StartInTraceOf("kv.deliver", write.TraceParent);
            activity?.SetTag("kv.node", NodeId).SetTag("kv.origin", write.Origin).SetTag("kv.key", write.Key)
                .SetTag("kv.clock", write.Clock.ToString());
            if (local is not null)
            {
                local = local.With(write.Origin, write.Sequence);
                KvLog.Delivered(_logger, write.Key, write.Origin, write.Clock, local);
            }
        }

        if (refused > 0)
        {
            _metrics.BufferFull(from, refused);
            KvLog.BufferFull(_logger, NodeId, _maxBuffered, refused, from);
        }

        if (delivered.Count > 0)
        {
            ClockAdvanced.Pulse();
        }
    }

    /// <inheritdoc/>
    public void ObservePeerClock(string peer, VectorClock delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        int reaped;
        lock (_gate)
        {
            if (!_peers.Contains(peer))
            {
                return;
            }

            _reportedBy[peer] = _reportedBy.TryGetValue(peer, out var known) ? known.Merge(delivered) : delivered;
            reaped = ReapStableTombstones();
            PruneSettledIncarnations();
        }

        ReportReaped(reaped);
        PeerClockObserved.Pulse();
    }

    // Under the lock. Applies a write to the store and remembers a delete until it can be forgotten.
    private StoredVersion Apply(ReplicatedWrite write)
    {
        var stored = _store.Apply(write, _pruned);
        if (write.IsDelete)
        {
            _tombstones.Enqueue((write, _time.GetTimestamp()));
        }

        return stored;
    }

    // Under the lock, and O(tombstones forgotten + 1): looks at the oldest deletes only, stopping at the first that is
    // not yet stable. Deletes become stable roughly in the order they were applied; one that waits behind a slower one
    // is only forgotten a little later, never too early.
    private int ReapStableTombstones()
    {
        var now = _time.GetTimestamp();
        if (!_tombstones.TryPeek(out var oldest) || _time.GetElapsedTime(oldest.AppliedAt, now) < _tombstoneGrace || _store.IsCaptured)
        {
            return 0; // The common case on every ack and write: nothing old enough, so no clock is looked at.
        }

        var own = _buffer.Clock;
        var known = new VectorClock?[_peers.Length];
        for (var i = 0; i < _peers.Length; i++)
        {
            var entry = CurrentEntryOf(_peers[i]);
            known[i] = CausalStability.Known(entry, own, _latestWriteFrom.GetValueOrDefault(entry), _reportedBy.GetValueOrDefault(_peers[i]));
        }

        var reaped = 0;
        while (_tombstones.TryPeek(out var next))
        {
            var tombstone = next.Delete;
            if (_store.Get(tombstone.Key) is not { } current || current.Write.Origin != tombstone.Origin || current.Write.Sequence != tombstone.Sequence)
            {
                _tombstones.Dequeue(); // Overwritten since: nothing to forget.
                continue;
            }

            // Applied in order, so the first that is too young or not yet stable ends the pass.
            if (_time.GetElapsedTime(next.AppliedAt, now) < _tombstoneGrace || !CausalStability.IsStable(tombstone.Clock, own, known))
            {
                break;
            }

            _tombstones.Dequeue();
            if (_store.TryReap(tombstone))
            {
                reaped++;
            }
        }

        return reaped;
    }

    private void ReportReaped(int reaped)
    {
        if (reaped > 0)
        {
            TombstonesForgotten.Pulse();
            _metrics.TombstonesReaped(reaped);
            KvLog.TombstonesReaped(_logger, NodeId, reaped);
        }
    }

    private void SnapshotIfDue()
    {
        if (_journal.WantsSnapshot && !_store.IsCaptured)
        {
            StartSnapshot();
        }
    }

    // Under the lock, and O(own writes not yet everywhere), not O(store): the store is frozen, not copied.
    private Task<SnapshotWritten> StartSnapshot()
    {
        var versions = _store.Capture();
        var state = new DurableState(
            _buffer.Clock,
            _lamport,
            _ownWrites.Base,
            [.. _ownWrites.Pending],
            new Dictionary<string, long>(_acked, StringComparer.Ordinal),
            versions.Select(v => new DurableVersion(v.Write, v.SupersededConcurrent)),
            Writer: _writer == NodeId ? null : _writer,
            Incarnations: new Dictionary<string, int>(_incarnations.Announced, StringComparer.Ordinal));
        return _journal.Snapshot(state, ReleaseStore);
    }

    // Called by the snapshot writer once it no longer reads the captured store. Folding back happens on the thread
    // pool, a chunk per lock hold: the writer thread runs at background priority and must never hold the node's lock.
    private void ReleaseStore()
    {
        lock (_gate)
        {
            _store.EndCapture();
        }

        _ = Task.Run(() =>
        {
            bool done;
            do
            {
                lock (_gate)
                {
                    done = _store.FoldBack(chunk: 1024);
                }
            }
            while (!done);
        });
    }

    /// <summary>Replays the snapshot and the log records after it, in the order they were first applied.</summary>
    private void Restore(DurableState? snapshot, IReadOnlyList<LogRecord> records)
    {
        List<ReplicatedWrite>? merging = null;
        if (snapshot is not null)
        {
            _writer = snapshot.Writer ?? NodeId;
            foreach (var (member, number) in snapshot.Incarnations ?? new Dictionary<string, int>())
            {
                _incarnations.Announce(Incarnations.Entry(member, number));
            }

            _lamport = snapshot.Lamport;
            _ownWrites.Restore(snapshot.OwnWritesBase, snapshot.OwnWrites);
            foreach (var (peer, acked) in snapshot.Acked)
            {
                _acked[peer] = acked;
            }

            foreach (var version in snapshot.Versions)
            {
                _store.Load(new StoredVersion(version.Write, version.SupersededConcurrent));
                if (version.Write.IsDelete)
                {
                    _tombstones.Enqueue((version.Write, _time.GetTimestamp()));
                }
            }
        }

        foreach (var record in records)
        {
            if (record.Write is { } write)
            {
                if (write.Origin == _writer)
                {
                    _buffer.Tick(_writer);
                    _ownWrites.Append(write, 0);
                }
                else if (_buffer.Receive(new PendingWrite(write, 0)).Status != DeliveryStatus.Delivered)
                {
                    throw new InvalidDataException($"The log holds {write.Origin}:{write.Sequence} before its causal past.");
                }
                else
                {
                    _latestWriteFrom[write.Origin] = write.Clock;
                }

                _lamport = Math.Max(_lamport, write.Lamport);
                Apply(write);
            }
            else if (record.Peer is { } peer && record.Acked is { } acked)
            {
                _acked[peer] = Math.Max(_acked.GetValueOrDefault(peer), acked);
            }
            else if (record.Incarnation is { } incarnation)
            {
                _writer = incarnation;
                _incarnations.Announce(incarnation);
                _rejoinUnfinished = true;
            }
            else if (record.Announced is { } announced)
            {
                _incarnations.Announce(announced);
                if (Incarnations.ReplacesLostDisk(announced))
                {
                    _acked[Incarnations.MemberOf(announced)] = 0;
                }
            }
            else if (record.Merged is { } writes)
            {
                (merging ??= []).AddRange(writes);
            }
            else if (record.MergedClock is { } clock)
            {
                // A transfer counts only once its closing record is on disk; one cut short by a crash is left out whole.
                MergeUnderLock(merging ?? [], clock);
                merging = null;
                _rejoinUnfinished = false;
            }
        }
    }
}
