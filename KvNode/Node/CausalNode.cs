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
/// One replica. Its state lives in parts that each own theirs (<see cref="NodeParts"/>: the delivered
/// <see cref="Replica"/>, the own-write log and the peers' acknowledgements, the <see cref="IncarnationState"/>); every
/// change to them happens under this node's one short lock, so the clock, the store and the journal's order never
/// disagree, and waiting (for the disk, for a client's context) happens outside it. The lock holds no I/O, no
/// serialisation and no logging. This class serves clients; <see cref="Replicator"/> serves the peer links and the
/// replication endpoint, <see cref="Rejoin"/> a node that lost its disk.
/// </summary>
/// <remarks>
/// Durability: a client's write is acknowledged, and a peer's batch is acknowledged, only once the journal has the
/// records on disk (group commit: one fsync for whatever accumulated). An own write is never replicated and never
/// returned by a read before it is durable, so a crash can lose only writes nobody has seen, and no (node, counter)
/// pair is ever reused. A peer's write may be read before it is durable here: its origin has it on disk and re-sends
/// it until this node acknowledges it.
/// </remarks>
public sealed class CausalNode
{
    private readonly Lock _gate = new();
    private readonly NodeParts _parts;
    private readonly INodeJournal _journal;
    private readonly TimeProvider _time;

    /// <summary>Creates the node described by <paramref name="options"/>, restoring what <paramref name="journal"/> kept.</summary>
    public CausalNode(
        IOptions<KvOptions> options, KvMetrics metrics, ILogger<CausalNode> logger, TimeProvider time, INodeJournal journal, NodeEventFeed events)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(journal);
        var kv = options.Value;
        NodeId = kv.NodeId;
        _time = time;
        _journal = journal;
        Reporter = new DeliveryReporter(NodeId, kv.MaxBufferedWrites, events, metrics, logger, time);
        var (snapshot, records) = journal.Recover();
        var replica = new Replica(snapshot?.Clock, kv.TombstoneGrace, time);
        Membership = new ClusterMembers(NodeId, kv.InitialPeers, kv.AdvertisedUrl);
        _parts = new NodeParts(
            replica, new OwnWriteLog(), new PeerAcknowledgements(), new IncarnationState(NodeId), new StoreCapture(_gate, replica.Store),
            journal, Membership);
        JournalReplay.Restore(snapshot, records, replica, _parts.OwnWrites, _parts.Acks, _parts.Incarnations, Membership);
        if (Membership.Removed.Count > 0)
        {
            _parts.OwnWrites.TrimThrough(_parts.Acks.EveryPeerHas(_parts.Peers)); // what only a removed member lacked
        }
        Readings.Update(replica, _parts.OwnWrites.LastSequence, _parts.Incarnations);
        if (Membership.SelfRemoved)
        {
            Writes.CloseForGood(RemovedRefusal);
        }
    }

    /// <summary>Why a node removed from the cluster refuses writes.</summary>
    public const string RemovedRefusal = ClusterMembers.NoLongerMember;

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>The clock entry this node's writes go under: its id, or <c>id.N</c> once it rejoined after losing its disk.</summary>
    public string WriterId => _parts.Incarnations.Writer;

    /// <summary>Every node id the cluster ever had (configured, joined, removed): clock entries may name any of them.</summary>
    public IReadOnlySet<string> Members => Membership.Known;

    /// <summary>Which members are still in the cluster (read without the lock; changed through <see cref="MembershipStep"/>).</summary>
    public ClusterMembers Membership { get; }

    /// <summary>The state as gauges and probes read it, without the lock.</summary>
    public NodeReadings Readings { get; } = new();

    /// <summary>Pulses whenever causally stable tombstones were forgotten.</summary>
    public AsyncSignal TombstonesForgotten { get; } = new();

    /// <summary>Pulses whenever the delivered clock moves (a local write or a delivery).</summary>
    public AsyncSignal ClockAdvanced { get; } = new();

    /// <summary>Pulses whenever a peer's delivered clock is learnt.</summary>
    public AsyncSignal PeerClockObserved { get; } = new();

    /// <summary>Pulses after every replication batch, whatever it did (delivered, buffered or duplicate).</summary>
    public AsyncSignal Received { get; } = new();

    /// <summary>Pulses when more own writes may have become durable, and so sendable.</summary>
    public AsyncSignal OwnWritesDurable => _journal.Flushed;

    /// <summary>
    /// True when the journal held nothing from an earlier run, only the start of a rejoin that never took its state
    /// (the node must rejoin again; it never accepted a write under that incarnation), or only what a run that never
    /// decided which entry it writes under received (acknowledgements, deliveries): the node must ask its peers.
    /// </summary>
    public bool StartedEmpty => _journal.StartedEmpty || _parts.Incarnations.RejoinUnfinished || !_parts.Incarnations.Settled;

    /// <summary>
    /// True while a node that started empty has not settled which entry it writes under (it asks its peers, and may be
    /// rejoining as a new incarnation): it cannot judge peers' claims about its own writes, nor serve its state.
    /// </summary>
    public bool Settling => StartedEmpty && !Writes.Ready.IsCompleted;

    /// <summary>
    /// A node that started empty writes as itself (incarnation 1): journaled before any own write, so a restart knows
    /// it decided once one of them is on disk (and asks its peers again otherwise).
    /// </summary>
    public void SettleAsNew() => Change(parts =>
    {
        if (!parts.Incarnations.Settled)
        {
            parts.Journal.Append(new LogRecord(Incarnation: NodeId));
            parts.Incarnations.Settle();
        }

        return 0;
    });

    /// <summary>Whether client writes are accepted now.</summary>
    public WriteGate Writes { get; } = new();

    /// <summary>The delivered clock now.</summary>
    public VectorClock Clock => Readings.Clock;

    /// <summary>Events, logs, metrics and spans of writes made and received here.</summary>
    internal DeliveryReporter Reporter { get; }

    /// <summary>
    /// Accepts a client's put (<paramref name="value"/> non-null) or delete (null) as this node's next write and
    /// completes once it is durable. Throws <see cref="JournalFailedException"/> when the disk failed, and
    /// <see cref="WritesClosedException"/> when the node left or was removed from the cluster.
    /// </summary>
    public async Task<StoredVersion> WriteAsync(string key, string? value, string? traceParent)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ReplicatedWrite write;
        StoredVersion stored;
        long position;
        int reaped;
        lock (_gate)
        {
            _parts.Members.ThrowIfSelfRemoved(); // a write that passed the gate just before the node left (or was removed)
            (write, stored) = _parts.Replica.WriteOwn(_parts.Incarnations.Writer, _parts.Incarnations.Pruned, key, value, traceParent);
            position = RecordOwn(write, out reaped);
        }

        await OwnWriteMadeAsync(write, position, reaped);
        return stored;
    }

    /// <summary>
    /// Accepts an atomic write of several <paramref name="changes"/> (validated: at least two, keys distinct) as this
    /// node's next write: one clock tick, one journal record, one replicated message, so every node applies all of it
    /// in one delivery or none of it, and a crash keeps all of it or none. Completes once it is durable, with each key's
    /// version in the order of <paramref name="changes"/>.
    /// </summary>
    public async Task<StoredVersion[]> WriteManyAsync(IReadOnlyList<KeyChange> changes, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ReplicatedWrite write;
        StoredVersion[] stored;
        long position;
        int reaped;
        lock (_gate)
        {
            _parts.Members.ThrowIfSelfRemoved(); // a write that passed the gate just before the node left (or was removed)
            (write, stored) = _parts.Replica.WriteOwnMany(_parts.Incarnations.Writer, _parts.Incarnations.Pruned, changes, traceParent);
            position = RecordOwn(write, out reaped);
        }

        await OwnWriteMadeAsync(write, position, reaped);
        return stored;
    }

    // Under the lock, right after an own write was applied: journals it (the disk is waited for outside the lock) and
    // queues it for the peers.
    private long RecordOwn(ReplicatedWrite write, out int reaped)
    {
        var position = _journal.Append(new LogRecord(write));
        _parts.OwnWrites.Append(write, position);
        if (Reporter.Watched)
        {
            Reporter.Wrote(_parts.Replica.Clock, write);
        }

        reaped = ReapTombstones(_parts); // a node without peers hears no acks: its own writes move it on
        Changed();
        return position;
    }

    private async Task OwnWriteMadeAsync(ReplicatedWrite write, long position, int reaped)
    {
        ReportReaped(reaped);
        Reporter.LocalWrite(write);
        ClockAdvanced.Pulse();
        await DurableAsync(position);
    }

    /// <summary>
    /// The version of <paramref name="key"/> this node exposes, tombstones included. An own write still on its way
    /// to the disk is returned once it is there (at most one flush later), never before.
    /// </summary>
    public async ValueTask<StoredVersion?> ReadAsync(string key)
    {
        StoredVersion? version;
        long position = 0;
        lock (_gate)
        {
            version = Read(key, ref position);
        }

        if (position > _journal.Durable)
        {
            await DurableAsync(position);
        }

        return version;
    }

    /// <summary>
    /// The versions of <paramref name="keys"/> (null where a key has none), all taken at one instant under the lock, with
    /// the delivered clock of that instant: the node delivers in causal order, so what it holds is always a causal cut.
    /// Own writes among them are returned once on disk, as by <see cref="ReadAsync"/>.
    /// </summary>
    public async ValueTask<(StoredVersion?[] Versions, VectorClock Cut)> ReadManyAsync(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var versions = new StoredVersion?[keys.Count];
        VectorClock cut;
        long position = 0;
        lock (_gate)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                versions[i] = Read(keys[i], ref position);
            }

            cut = _parts.Replica.Clock;
        }

        if (position > _journal.Durable)
        {
            await DurableAsync(position);
        }

        return (versions, cut);
    }

    // Under the lock: the key's version, and the journal position the read must wait for (an own write not yet on disk).
    private StoredVersion? Read(string key, ref long position)
    {
        var version = _parts.Replica.Store.Get(key);
        if (version is { } own && own.Write.Origin == _parts.Incarnations.Writer)
        {
            position = Math.Max(position, _parts.OwnWrites.PositionOf(own.Write.Sequence));
        }

        if (Reporter.Watched)
        {
            Reporter.Read(_parts.Replica.Clock, key, version?.Write);
        }

        return version;
    }

    /// <summary>
    /// Waits until this node has delivered everything <paramref name="needed"/> covers, or the timeout passes.
    /// Returns false on timeout: the caller answers that the node is behind.
    /// </summary>
    public Task<bool> WaitForAsync(VectorClock needed, TimeSpan timeout, CancellationToken cancellationToken) =>
        DeliveredClockWait.UntilAsync(needed, timeout, Readings, ClockAdvanced, Reporter, _time, cancellationToken);

    /// <summary>A consistent view for <c>/status</c>, with at most <see cref="NodeStatus.MaxListed"/> buffered writes listed.</summary>
    public NodeStatus Status() => Change(static parts => NodeStatus.Of(parts), changes: false);

    /// <summary>Every current version, for convergence checks.</summary>
    public IReadOnlyList<StoredVersion> Versions() => Change(static parts => parts.Replica.Store.All.ToList(), changes: false);

    /// <summary>
    /// Compacts the journal now (an operator's backup point, or a benchmark's): captures the state and completes when
    /// the snapshot is on disk. Null when one is already being written.
    /// </summary>
    public Task<SnapshotWritten>? SnapshotNow() => Change(parts => parts.Capture.Busy ? null : StartSnapshot(parts), changes: false);

    /// <summary>
    /// Runs <paramref name="change"/> on the node's parts under its lock; unless <paramref name="changes"/> is false,
    /// then records the new readings and compacts the journal if it is due.
    /// </summary>
    internal T Change<T>(Func<NodeParts, T> change, bool changes = true)
    {
        lock (_gate)
        {
            var result = change(_parts);
            if (changes)
            {
                Changed();
            }

            return result;
        }
    }

    /// <summary>Under the lock: forgets the tombstones that became stable; report the count with <see cref="ReportReaped"/>.</summary>
    internal static int ReapTombstones(NodeParts parts) => parts.Replica.ReapTombstones(parts.Peers, parts.Incarnations);

    /// <summary>After the lock: reports forgotten tombstones.</summary>
    internal void ReportReaped(int reaped)
    {
        if (reaped > 0)
        {
            TombstonesForgotten.Pulse();
            Reporter.Reaped(reaped);
        }
    }

    /// <summary>Completes once the journal has everything up to <paramref name="position"/>; closes writes if the disk failed.</summary>
    internal async Task DurableAsync(long position)
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

    // Under the lock, at the end of every change.
    private void Changed()
    {
        if (_journal.WantsSnapshot && !_parts.Capture.Busy)
        {
            StartSnapshot(_parts);
        }

        Readings.Update(_parts.Replica, _parts.OwnWrites.LastSequence, _parts.Incarnations);
    }

    // Under the lock, and O(own writes not yet everywhere), not O(store): the store is frozen, not copied.
    private Task<SnapshotWritten> StartSnapshot(NodeParts parts) => _journal.Snapshot(parts.CaptureDurableState(NodeId), parts.Capture.Release);
}
