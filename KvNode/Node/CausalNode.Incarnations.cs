using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;
using GridAspire.KvNode.Storage;

namespace GridAspire.KvNode.Node;

// Losing a disk: rejoining as a new incarnation, handing state to peers, and what happens to a lost incarnation's writes.
public sealed partial class CausalNode
{
    private const int MergedRecordWrites = 4096;

    /// <summary>
    /// The part of this node's state a peer whose delivered clock is <paramref name="known"/> lacks, or null while the
    /// store is captured for a snapshot (ask again shortly). Taking it costs O(1) under the lock; the versions are
    /// read from the frozen store outside it. Completes once everything in it is on disk here: the state holds this
    /// node's own latest writes, and like a replication batch it must never carry one a crash could still take back
    /// (the restarted node would hand out its counter again).
    /// </summary>
    public async Task<StateTransfer?> StateForAsync(VectorClock known)
    {
        ArgumentNullException.ThrowIfNull(known);
        IReadOnlyCollection<StoredVersion> versions;
        VectorClock clock;
        long position;
        lock (_gate)
        {
            if (_store.IsCaptured)
            {
                return null;
            }

            versions = _store.Capture();
            clock = _buffer.Clock;
            position = _journal.Appended;
        }

        StateTransfer state;
        try
        {
            state = new StateTransfer(NodeId, clock, [.. versions.Select(v => v.Write).Where(w => w.Sequence > known[w.Origin])]);
        }
        finally
        {
            ReleaseStore();
        }

        await DurableAsync(position);
        return state;
    }

    /// <summary>
    /// Merges a peer's state: afterwards this node has delivered everything <see cref="StateTransfer.Clock"/> covers,
    /// and buffered writes that were waiting for it are delivered. With <paramref name="incarnation"/>, this node writes
    /// under that clock entry from now on (it rejoins after losing its disk). Completes once all of it is on disk;
    /// returns how many versions it took.
    /// </summary>
    public async Task<int> MergeAsync(StateTransfer state, string? incarnation = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        List<ReplicatedWrite> fresh;
        IReadOnlyList<PendingWrite> released;
        long position;
        lock (_gate)
        {
            var writer = incarnation ?? _writer;
            if (state.Clock[writer] > _ownWrites.LastSequence)
            {
                throw new InvalidDataException($"{state.From}'s state claims {writer}:{state.Clock[writer]}, more than {writer} ever wrote.");
            }

            if (incarnation is not null)
            {
                _writer = incarnation;
                _incarnations.Announce(incarnation); // its own old entry is retired here too, before it writes anything
                _journal.Append(new LogRecord(Incarnation: incarnation));
            }

            fresh = [.. state.Writes.Where(w => w.Sequence > _buffer.Clock[w.Origin])];
            foreach (var chunk in fresh.Chunk(MergedRecordWrites))
            {
                _journal.Append(new LogRecord(Merged: chunk));
            }

            _journal.Append(new LogRecord(MergedClock: state.Clock));
            released = MergeUnderLock(fresh, state.Clock);
            foreach (var pending in released)
            {
                _journal.Append(new LogRecord(pending.Write));
            }

            position = _journal.Appended;
            _someDiskLost = _incarnations.AnyRetired(_buffer.Clock);
            SnapshotIfDue();
        }

        Report(state.From, [.. released], [], 0, _time.GetTimestamp(), null, Clock);
        await DurableAsync(position);
        _metrics.StateMerged(state.From, incarnation is null ? "catch_up" : "rejoin", fresh.Count);
        ClockAdvanced.Pulse();
        return fresh.Count;
    }

    // Under the lock (or while restoring): applies the versions this node lacks and adds the clock; returns the buffered
    // writes that became deliverable, already applied.
    private IReadOnlyList<PendingWrite> MergeUnderLock(IReadOnlyList<ReplicatedWrite> writes, VectorClock clock)
    {
        foreach (var write in writes)
        {
            if (write.Sequence > _buffer.Clock[write.Origin])
            {
                _lamport = Math.Max(_lamport, write.Lamport);
                Apply(write);
            }
        }

        var released = _buffer.Advance(clock);
        foreach (var pending in released)
        {
            _lamport = Math.Max(_lamport, pending.Write.Lamport);
            _latestWriteFrom[pending.Write.Origin] = pending.Write.Clock;
            Apply(pending.Write);
            _recent.Add(pending.Write);
        }

        return released;
    }

    /// <summary>
    /// Records that a peer that started empty writes as <paramref name="incarnation"/>. A new incarnation (it lost its
    /// disk) also makes this node forget what the lost one acknowledged, so own writes are kept and re-sent until the
    /// new one has them. Completes once that is on disk. False when an incarnation of that peer at least as new is
    /// already known (the peer must choose again); repeating the same notice is fine.
    /// </summary>
    public async Task<bool> PeerIncarnationAsync(string incarnation)
    {
        var peer = Incarnations.MemberOf(incarnation);
        if (!_peers.Contains(peer) || Incarnations.NumberOf(incarnation) < 1)
        {
            throw new ArgumentException($"'{incarnation}' is not an incarnation of a peer of {NodeId}.", nameof(incarnation));
        }

        long position;
        lock (_gate)
        {
            if (_incarnations.Announced.GetValueOrDefault(peer) != Incarnations.NumberOf(incarnation))
            {
                if (Incarnations.NumberOf(incarnation) <= _incarnations.Current(peer, _buffer.Clock))
                {
                    return false;
                }

                _incarnations.Announce(incarnation);
                if (Incarnations.ReplacesLostDisk(incarnation))
                {
                    _acked[peer] = 0;
                    _reportedBy.Remove(peer); // what the lost incarnation reported says nothing about the new one
                }

                _journal.Append(new LogRecord(Announced: incarnation));
                _someDiskLost = _incarnations.AnyRetired(_buffer.Clock);
            }

            position = _journal.Appended;
        }

        await DurableAsync(position);
        if (Incarnations.ReplacesLostDisk(incarnation))
        {
            KvLog.PeerRejoined(_logger, peer, incarnation);
        }

        return true;
    }

    /// <summary>The newest incarnation of every node known here (announced, or named in the delivered clock).</summary>
    public IReadOnlyDictionary<string, int> KnownIncarnations()
    {
        lock (_gate)
        {
            var clock = _buffer.Clock;
            return Members.Select(m => KeyValuePair.Create(m, _incarnations.Current(m, clock)))
                .Where(e => e.Value > 0)
                .ToDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>A peer holding writes of a retired incarnation this node lacks, or null (see <see cref="IncarnationBook.CatchUpSource"/>).</summary>
    public string? CatchUpSource()
    {
        if (!_someDiskLost)
        {
            return null;
        }

        lock (_gate)
        {
            return _incarnations.CatchUpSource(_buffer.Clock, _reportedBy, _buffer.Unordered.Select(p => (ICausalMessage)p.Write));
        }
    }

    /// <summary>Why <paramref name="needed"/> can never be delivered (it needs writes lost with a disk), or null.</summary>
    public string? LostWrites(VectorClock needed)
    {
        ArgumentNullException.ThrowIfNull(needed);
        if (!_someDiskLost)
        {
            return null; // no lock on a client's path while no disk was ever lost
        }

        lock (_gate)
        {
            return _buffer.Covers(needed) ? null : _incarnations.Lost(needed, _buffer.Clock, _peers, _reportedBy);
        }
    }

    /// <inheritdoc/>
    public bool WantsPeerClocks
    {
        get
        {
            lock (_gate)
            {
                return _tombstones.Count > 0 || (_someDiskLost && _incarnations.Unsettled(_buffer.Clock, _peers, _reportedBy));
            }
        }
    }

    // Under the lock. Once every peer reports the same counters of a retired incarnation as this node, nothing of it is
    // still on its way; new clocks stop carrying it, so clocks do not grow with every lost disk. The delivered clock keeps
    // the entry (one per lost disk), so contexts and writes that still name it are checked as before.
    private void PruneSettledIncarnations()
    {
        if (!_someDiskLost)
        {
            return; // every acknowledgement comes here: no walk over the clock until some disk was lost
        }

        var settled = _incarnations.Settled(_buffer.Clock, _peers, _reportedBy);
        if (!settled.IsSubsetOf(_pruned))
        {
            _pruned = new HashSet<string>(_pruned.Union(settled), StringComparer.Ordinal);
        }
    }

    // The clock entry a peer writes under now, for causal stability: what is known of a lost incarnation says nothing
    // about writes of the new one, which started from another node's state.
    private string CurrentEntryOf(string peer) =>
        Incarnations.Entry(peer, Math.Max(1, _incarnations.Current(peer, _buffer.Clock)));
}
