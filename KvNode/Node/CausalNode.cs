using GridAspire.ServiceDefaults;
using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;
using GridAspire.KvNode.Storage;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Node;

/// <summary>
/// One replica's causal state: delivered clock and buffer, the key-value store, the log of its own writes and
/// its Lamport clock. Every mutation happens under one short lock, so the clock, the store and the log never
/// disagree; waiting (for a client's context, or for new writes to replicate) happens outside it on signals.
/// </summary>
public sealed class CausalNode
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
    private readonly Dictionary<string, long> _acked = new(StringComparer.Ordinal);
    private readonly int _maxBuffered;
    private long _lamport;

    /// <summary>Creates the node described by <paramref name="options"/>, restoring what <paramref name="journal"/> kept.</summary>
    public CausalNode(IOptions<KvOptions> options, KvMetrics metrics, ILogger<CausalNode> logger, TimeProvider time, INodeJournal journal)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(journal);
        NodeId = options.Value.NodeId;
        Members = options.Value.Members;
        _maxBuffered = options.Value.MaxBufferedWrites;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _journal = journal;
        var (snapshot, records) = journal.Recover();
        _buffer = new DeliveryBuffer<PendingWrite>(snapshot?.Clock);
        Restore(snapshot, records);
        metrics.Meter.CreateObservableGauge("kv.buffer.depth", () => BufferDepth, "{write}", "Writes waiting for their causal past.");
    }

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>Every node id of the cluster.</summary>
    public IReadOnlySet<string> Members { get; }

    /// <summary>Pulses whenever the delivered clock moves (a local write or a delivery).</summary>
    public AsyncSignal ClockAdvanced { get; } = new();

    /// <summary>Pulses after every replication batch, whatever it did (delivered, buffered or duplicate).</summary>
    public AsyncSignal Received { get; } = new();

    /// <summary>Pulses whenever this node originates a write, waking the replicators.</summary>
    public AsyncSignal OwnWriteAppended { get; } = new();

    /// <summary>True when the journal held nothing from an earlier run.</summary>
    public bool StartedEmpty => _journal.StartedEmpty;

    /// <summary>Whether client writes are accepted now.</summary>
    public WriteGate Writes { get; } = new();

    /// <summary>The highest own write <paramref name="peer"/> has acknowledged, as remembered across restarts.</summary>
    public long AckedBy(string peer)
    {
        lock (_gate)
        {
            return _acked.GetValueOrDefault(peer);
        }
    }

    /// <summary>
    /// Records that <paramref name="peer"/> delivered own writes up to <paramref name="acked"/>, and trims the own-write
    /// log of what every peer has.
    /// </summary>
    public void RecordAck(string peer, long acked)
    {
        lock (_gate)
        {
            if (acked <= _acked.GetValueOrDefault(peer))
            {
                return;
            }

            _acked[peer] = acked;
            _journal.Append(new LogRecord(Peer: peer, Acked: acked));
            _ownWrites.TrimThrough(Members.Where(m => m != NodeId).Min(m => _acked.GetValueOrDefault(m)));
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

    /// <summary>Sequence number of this node's newest own write.</summary>
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

    /// <summary>Accepts a client's put (<paramref name="value"/> non-null) or delete (null) as this node's next write.</summary>
    public StoredVersion Write(string key, string? value, string? traceParent)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        StoredVersion stored;
        lock (_gate)
        {
            _buffer.Tick(NodeId);
            var write = new ReplicatedWrite(NodeId, _buffer.Clock, ++_lamport, key, value, traceParent);
            _ownWrites.Append(write);
            stored = _store.Apply(write);

            // On disk (per the fsync policy) before the client hears it was accepted.
            _journal.Append(new LogRecord(write));
            _journal.Commit();
            SnapshotIfDue();
        }

        var operation = value is null ? "delete" : "put";
        _metrics.Write(operation);
        KvLog.LocalWrite(_logger, key, NodeId, stored.Clock, operation);
        ClockAdvanced.Pulse();
        OwnWriteAppended.Pulse();
        return stored;
    }

    /// <summary>The version of <paramref name="key"/> this node exposes, tombstones included.</summary>
    public StoredVersion? Read(string key)
    {
        lock (_gate)
        {
            return _store.Get(key);
        }
    }

    /// <summary>Own writes after <paramref name="acknowledged"/>, for a peer's replicator.</summary>
    public IReadOnlyList<ReplicatedWrite> OwnWritesAfter(long acknowledged, int max)
    {
        lock (_gate)
        {
            return _ownWrites.After(acknowledged, max);
        }
    }

    /// <summary>Receives a validated batch from a peer and delivers whatever the causal delivery rule allows.</summary>
    public ReceiveOutcome Receive(ReplicationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var delivered = new List<ReplicatedWrite>();
        int buffered = 0, duplicates = 0, refused = 0;
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            foreach (var write in batch.Writes)
            {
                var arrival = new PendingWrite(write, now);
                if (_buffer.Count >= _maxBuffered && _buffer.WouldBuffer(arrival))
                {
                    refused++;
                    continue;
                }

                var clockAtDelivery = _logger.IsEnabled(LogLevel.Information) ? _buffer.Clock : null;
                var result = _buffer.Receive(arrival);
                switch (result.Status)
                {
                    case DeliveryStatus.Duplicate:
                        duplicates++;
                        _metrics.Duplicate(write.Origin);
                        KvLog.Duplicate(_logger, write.Origin, write.Sequence);
                        break;
                    case DeliveryStatus.AlreadyBuffered:
                        break;
                    case DeliveryStatus.Buffered:
                        buffered++;
                        _metrics.Buffered(write.Origin);
                        KvLog.Buffered(_logger, write.Key, write.Origin, write.Clock, _buffer.Clock);
                        KvTracing.Mark("kv.buffered", write.TraceParent, NodeId);
                        break;
                    default:
                        foreach (var pending in result.Delivered)
                        {
                            clockAtDelivery = clockAtDelivery?.With(pending.Origin, pending.Write.Sequence);
                            Apply(pending, now, clockAtDelivery);
                            _journal.Append(new LogRecord(pending.Write));
                            delivered.Add(pending.Write);
                        }

                        break;
                }
            }
            if (delivered.Count > 0)
            {
                // On disk before the sender is told these writes were delivered.
                _journal.Commit();
                SnapshotIfDue();
            }
        }

        if (delivered.Count > 0)
        {
            ClockAdvanced.Pulse();
        }

        if (refused > 0)
        {
            _metrics.BufferFull(batch.From, refused);
            KvLog.BufferFull(_logger, NodeId, _maxBuffered, refused, batch.From);
        }

        Received.Pulse();
        return new ReceiveOutcome(delivered, buffered, duplicates);
    }

    /// <summary>A consistent snapshot for <c>/status</c>.</summary>
    public NodeSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new NodeSnapshot(
                _buffer.Clock, _buffer.Pending.Select(p => p.Write).ToList(), _ownWrites.LastSequence, _store.Count, _recent.ToList());
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
    /// Waits until this node has delivered everything <paramref name="needed"/> covers, or the timeout passes.
    /// Returns false on timeout: the caller answers that the node is behind.
    /// </summary>
    public async Task<bool> WaitForAsync(VectorClock needed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needed);
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            var advanced = ClockAdvanced.Next;
            if (Clock.Covers(needed))
            {
                return true;
            }

            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                _metrics.ContextTimeout();
                KvLog.ContextTimeout(_logger, needed, NodeId, Clock, timeout);
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

    private void SnapshotIfDue()
    {
        if (_journal.WantsSnapshot)
        {
            _journal.Snapshot(new DurableState(
                _buffer.Clock,
                _lamport,
                _ownWrites.Base,
                [.. _ownWrites.Pending],
                _acked.ToDictionary(StringComparer.Ordinal),
                [.. _store.All.Select(v => new DurableVersion(v.Write, v.SupersededConcurrent))]));
        }
    }

    /// <summary>Replays the snapshot and the log records after it, in the order they were first applied.</summary>
    private void Restore(DurableState? snapshot, IReadOnlyList<LogRecord> records)
    {
        if (snapshot is not null)
        {
            _lamport = snapshot.Lamport;
            _ownWrites.Restore(snapshot.OwnWritesBase, snapshot.OwnWrites);
            foreach (var (peer, acked) in snapshot.Acked)
            {
                _acked[peer] = acked;
            }

            foreach (var version in snapshot.Versions)
            {
                _store.Load(new StoredVersion(version.Write, version.SupersededConcurrent));
            }
        }

        foreach (var record in records)
        {
            if (record.Write is { } write)
            {
                if (write.Origin == NodeId)
                {
                    _buffer.Tick(NodeId);
                    _ownWrites.Append(write);
                }
                else if (_buffer.Receive(new PendingWrite(write, 0)).Status != DeliveryStatus.Delivered)
                {
                    throw new InvalidDataException($"The log holds {write.Origin}:{write.Sequence} before its causal past.");
                }

                _lamport = Math.Max(_lamport, write.Lamport);
                _store.Apply(write);
            }
            else if (record.Peer is { } peer && record.Acked is { } acked)
            {
                _acked[peer] = Math.Max(_acked.GetValueOrDefault(peer), acked);
            }
        }
    }

    private void Apply(PendingWrite pending, long now, VectorClock? clockAtDelivery)
    {
        var write = pending.Write;
        _lamport = Math.Max(_lamport, write.Lamport);
        _store.Apply(write);
        _recent.Add(write);
        var waited = _time.GetElapsedTime(pending.ArrivedTimestamp, now);
        _metrics.Delivered(write.Origin, waited);
        using var activity = KvTracing.StartInTraceOf("kv.deliver", write.TraceParent);
        activity?.SetTag("kv.node", NodeId).SetTag("kv.origin", write.Origin).SetTag("kv.key", write.Key)
            .SetTag("kv.clock", write.Clock.ToString());
        if (clockAtDelivery is not null)
        {
            KvLog.Delivered(_logger, write.Key, write.Origin, write.Clock, clockAtDelivery);
        }
    }
}
