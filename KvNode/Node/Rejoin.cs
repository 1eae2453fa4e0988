using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Durability;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Losing a disk, as the node's parts see it: handing this node's state to a peer, merging a peer's state (to rejoin as
/// a new incarnation, or to take a lost incarnation's writes another node has), recording that a peer rejoined, and
/// telling a request whose context names writes lost with a disk. The steps of a rejoin are <see cref="OwnSequenceGuard"/>'s.
/// </summary>
public sealed class Rejoin(CausalNode node, KvMetrics metrics, TimeProvider time, ILogger<Rejoin> logger)
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
        var (versions, clock, position, capture) = node.Change(
            static parts => (parts.Capture.TryCapture(), parts.Replica.Clock, parts.Journal.Appended, parts.Capture), changes: false);
        if (versions is null)
        {
            return null;
        }

        StateTransfer state;
        try
        {
            state = new StateTransfer(node.NodeId, clock, [.. versions.Select(v => v.Write).Where(w => w.Sequence > known[w.Origin])]);
        }
        finally
        {
            capture.Release();
        }

        await node.DurableAsync(position);
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
        var (fresh, released, position) = node.Change(parts =>
        {
            var writer = incarnation ?? parts.Incarnations.Writer;
            if (state.Clock[writer] > parts.OwnWrites.LastSequence)
            {
                throw new InvalidDataException($"{state.From}'s state claims {writer}:{state.Clock[writer]}, more than {writer} ever wrote.");
            }

            if (incarnation is not null)
            {
                parts.Incarnations.WriteAs(incarnation);
                parts.Acks.ForgetAll(); // acknowledgements counted the old entry's writes
                parts.Journal.Append(new LogRecord(Incarnation: incarnation));
                parts.Incarnations.Settle(); // the closing record below is appended in the same step
            }

            List<ReplicatedWrite> fresh = [.. state.Writes.Where(w => w.Sequence > parts.Replica.Clock[w.Origin])];
            foreach (var chunk in fresh.Chunk(MergedRecordWrites))
            {
                parts.Journal.Append(new LogRecord(Merged: chunk));
            }

            parts.Journal.Append(new LogRecord(MergedClock: state.Clock));
            var released = parts.Replica.Merge(fresh, state.Clock, parts.Incarnations.Pruned);
            foreach (var pending in released)
            {
                parts.Journal.Append(new LogRecord(pending.Write));
            }

            parts.Incarnations.Refresh(parts.Replica.Clock);
            return (fresh, released, parts.Journal.Appended);
        });

        node.Reporter.Batch(state.From, released, [], 0, time.GetTimestamp(), null, node.Clock);
        await node.DurableAsync(position);
        metrics.StateMerged(state.From, incarnation is null ? "catch_up" : "rejoin", fresh.Count);
        node.ClockAdvanced.Pulse();
        return fresh.Count;
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
        if (!node.Members.Contains(peer) || peer == node.NodeId || Incarnations.NumberOf(incarnation) < 1)
        {
            throw new ArgumentException($"'{incarnation}' is not an incarnation of a peer of {node.NodeId}.", nameof(incarnation));
        }

        var (accepted, position) = node.Change(parts =>
        {
            var book = parts.Incarnations.Book;
            if (book.Announced.GetValueOrDefault(peer) != Incarnations.NumberOf(incarnation))
            {
                if (Incarnations.NumberOf(incarnation) <= book.Current(peer, parts.Replica.Clock))
                {
                    return (false, 0L);
                }

                book.Announce(incarnation);
                if (Incarnations.ReplacesLostDisk(incarnation))
                {
                    parts.Acks.Forget(peer);
                    parts.Replica.Peers.Forget(peer); // what the lost incarnation reported says nothing about the new one
                }

                parts.Journal.Append(new LogRecord(Announced: incarnation));
                parts.Incarnations.Refresh(parts.Replica.Clock);
            }

            return (true, parts.Journal.Appended);
        });

        if (!accepted)
        {
            return false;
        }

        await node.DurableAsync(position);
        if (Incarnations.ReplacesLostDisk(incarnation))
        {
            KvLog.PeerRejoined(logger, peer, incarnation);
        }

        return true;
    }

    /// <summary>The newest incarnation of every node known here (announced, or named in the delivered clock).</summary>
    public IReadOnlyDictionary<string, int> KnownIncarnations() => node.Change(
        parts => node.Members.Select(m => KeyValuePair.Create(m, parts.Incarnations.Book.Current(m, parts.Replica.Clock)))
            .Where(e => e.Value > 0)
            .ToDictionary(StringComparer.Ordinal),
        changes: false);

    /// <summary>A peer holding writes of a retired incarnation this node lacks, or null (see <see cref="IncarnationBook.CatchUpSource"/>).</summary>
    public string? CatchUpSource() => !node.Readings.SomeDiskLost
        ? null
        : node.Change(
            static parts => parts.Incarnations.Book.CatchUpSource(
                parts.Replica.Clock, parts.Replica.Peers.Reported, parts.Replica.Unordered.Select(p => (ICausalMessage)p.Write)),
            changes: false);

    /// <summary>Why <paramref name="needed"/> can never be delivered (it needs writes lost with a disk), or null.</summary>
    public string? LostWrites(VectorClock needed)
    {
        ArgumentNullException.ThrowIfNull(needed);
        return !node.Readings.SomeDiskLost
            ? null // no lock on a client's path while no disk was ever lost
            : node.Change(
                parts => parts.Replica.Covers(needed) ? null : parts.Incarnations.Book.Lost(needed, parts.Replica.Clock, parts.Peers, parts.Replica.Peers.Reported),
                changes: false);
    }
}
