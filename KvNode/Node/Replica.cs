using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Storage;

namespace GridAspire.KvNode.Node;

/// <summary>
/// What one replica has delivered and exposes: the delivered clock with the writes waiting for their causal past, the
/// key-value store, the Lamport clock, the deletes waiting to be forgotten, what is known of the peers' clocks and the
/// last few deliveries. Every write becomes visible through <see cref="Apply"/>, whichever way it came (a client, a
/// peer's batch, a peer's state, the journal on restart). Not thread-safe: the node serialises access.
/// </summary>
internal sealed class Replica(VectorClock? delivered, TimeSpan tombstoneGrace, TimeProvider time)
{
    private readonly DeliveryBuffer<PendingWrite> _buffer = new(delivered);
    private readonly RecentDeliveries _recent = new(capacity: 50);
    private long _lamport;

    /// <summary>The delivered clock.</summary>
    public VectorClock Clock => _buffer.Clock;

    /// <summary>The key-value store.</summary>
    public KvStore Store { get; } = new();

    /// <summary>The deletes waiting to be forgotten.</summary>
    public TombstoneReaper Tombstones { get; } = new(tombstoneGrace, time);

    /// <summary>What is known of the peers' delivered clocks.</summary>
    public PeerClocks Peers { get; } = new();

    /// <summary>The Lamport clock: the highest timestamp seen or issued.</summary>
    public long Lamport => _lamport;

    /// <summary>Writes waiting for their causal past.</summary>
    public int Buffered => _buffer.Count;

    /// <summary>The buffered writes, oldest sequence first per origin (sorts: for <c>/status</c>, not for hot paths).</summary>
    public IEnumerable<PendingWrite> Pending => _buffer.Pending;

    /// <summary>The buffered writes in no particular order.</summary>
    public IEnumerable<PendingWrite> Unordered => _buffer.Unordered;

    /// <summary>The latest peer writes delivered here, oldest first.</summary>
    public List<ReplicatedWrite> RecentDeliveries => _recent.ToList();

    /// <summary>True when everything <paramref name="clock"/> covers is delivered.</summary>
    public bool Covers(VectorClock clock) => _buffer.Covers(clock);

    /// <summary>True when receiving <paramref name="arrival"/> would add it to the buffer.</summary>
    public bool WouldBuffer(PendingWrite arrival) => _buffer.WouldBuffer(arrival);

    /// <summary>
    /// Makes this node's next write as <paramref name="writer"/> and applies it: the writer's entry ticks, the write
    /// carries the delivered clock without <paramref name="pruned"/> and the next Lamport timestamp.
    /// </summary>
    public (ReplicatedWrite Write, StoredVersion Stored) WriteOwn(
        string writer, IReadOnlySet<string> pruned, string key, string? value, string? traceParent)
    {
        _buffer.Tick(writer);
        var clock = pruned.Count == 0 ? _buffer.Clock : _buffer.Clock.Without(pruned);
        var write = new ReplicatedWrite(writer, clock, ++_lamport, key, value, traceParent);
        return (write, Apply(write, pruned));
    }

    /// <summary>
    /// Makes this node's next write, an atomic one of several <paramref name="changes"/> (at least two, keys distinct),
    /// and applies it whole; returns the version each key now has, in the order of <paramref name="changes"/>.
    /// </summary>
    public (ReplicatedWrite Write, StoredVersion[] Stored) WriteOwnMany(
        string writer, IReadOnlySet<string> pruned, IReadOnlyList<KeyChange> changes, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _buffer.Tick(writer);
        var clock = pruned.Count == 0 ? _buffer.Clock : _buffer.Clock.Without(pruned);
        var write = new ReplicatedWrite(writer, clock, ++_lamport, changes[0].Key, changes[0].Value, traceParent, [.. changes.Skip(1)]);
        var stored = new StoredVersion[changes.Count];
        var i = 0;
        foreach (var part in write.PerKey())
        {
            stored[i++] = ApplyOne(part, pruned);
        }

        return (write, stored);
    }

    /// <summary>
    /// Receives a peer's write under the causal delivery rule; whatever became deliverable (it, and buffered writes it
    /// released) is applied, in causal order.
    /// </summary>
    public DeliveryResult<PendingWrite> Receive(PendingWrite arrival, IReadOnlySet<string> pruned)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        var result = _buffer.Receive(arrival);
        foreach (var pending in result.Delivered)
        {
            ApplyDelivered(pending.Write, pruned);
        }

        return result;
    }

    /// <summary>
    /// Merges a peer's state: applies the versions not yet delivered here and adds <paramref name="clock"/>; returns the
    /// buffered writes that became deliverable, already applied.
    /// </summary>
    public IReadOnlyList<PendingWrite> Merge(IReadOnlyList<ReplicatedWrite> writes, VectorClock clock, IReadOnlySet<string> pruned)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            if (write.Sequence > _buffer.Clock[write.Origin])
            {
                _lamport = Math.Max(_lamport, write.Lamport);
                Apply(write, pruned);
            }
        }

        var released = _buffer.Advance(clock);
        foreach (var pending in released)
        {
            ApplyDelivered(pending.Write, pruned);
        }

        return released;
    }

    /// <summary>Replays an own write from the journal.</summary>
    public void RestoreOwn(ReplicatedWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _buffer.Tick(write.Origin);
        _lamport = Math.Max(_lamport, write.Lamport);
        Apply(write, pruned: null);
    }

    /// <summary>Replays a delivered peer write from the journal; the journal keeps causal order, so it must be deliverable.</summary>
    public void RestoreDelivered(ReplicatedWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_buffer.Receive(new PendingWrite(write, 0)).Status != DeliveryStatus.Delivered)
        {
            throw new InvalidDataException($"The log holds {write.Origin}:{write.Sequence} before its causal past.");
        }

        _lamport = Math.Max(_lamport, write.Lamport);
        Peers.Delivered(write);
        Apply(write, pruned: null);
    }

    /// <summary>Puts back the Lamport clock and a version saved in a snapshot.</summary>
    public void RestoreSnapshot(long lamport, IEnumerable<StoredVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        _lamport = lamport;
        foreach (var version in versions)
        {
            Store.Load(version);
            Tombstones.Track(version.Write);
        }
    }

    /// <summary>
    /// Drops buffered writes that wait for a write of the <paramref name="settled"/> retired incarnations that no node
    /// has: every node reports the same counter for such an entry, its origin lost its disk, so a gap after that counter
    /// is never filled, and a write that read past it (its clock needs more of the entry) is never deliverable. Those
    /// writes went with the disk, like the gap. Returns them.
    /// </summary>
    public IReadOnlyList<PendingWrite> DiscardUnreachable(IReadOnlySet<string> settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        return settled.Count == 0 || _buffer.Count == 0 ? [] : _buffer.DiscardWaitingForGone(settled);
    }

    /// <summary>Forgets the tombstones that became stable; returns how many (see <see cref="TombstoneReaper.Reap"/>).</summary>
    public int ReapTombstones(IReadOnlyList<string> peers, IncarnationState incarnations)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(incarnations);
        var own = _buffer.Clock;
        return Tombstones.Reap(Store, own, () =>
        {
            var known = new VectorClock?[peers.Count];
            for (var i = 0; i < known.Length; i++)
            {
                known[i] = Peers.Known(peers[i], incarnations.CurrentEntryOf(peers[i], own), own);
            }

            return known;
        });
    }

    private void ApplyDelivered(ReplicatedWrite write, IReadOnlySet<string>? pruned)
    {
        _lamport = Math.Max(_lamport, write.Lamport);
        Peers.Delivered(write);
        Apply(write, pruned);
        _recent.Add(write);
    }

    // A multi-key write is applied whole, under the node's lock like every change: no read sees part of it.
    private StoredVersion Apply(ReplicatedWrite write, IReadOnlySet<string>? pruned)
    {
        if (write.More is null)
        {
            return ApplyOne(write, pruned);
        }

        StoredVersion? first = null;
        foreach (var part in write.PerKey())
        {
            var stored = ApplyOne(part, pruned);
            first ??= stored;
        }

        return first!.Value;
    }

    private StoredVersion ApplyOne(ReplicatedWrite write, IReadOnlySet<string>? pruned)
    {
        var stored = Store.Apply(write, pruned);
        Tombstones.Track(write);
        return stored;
    }
}
