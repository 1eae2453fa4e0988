using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Storage;

namespace GridAspire.KvNode.Node;

/// <summary>
/// The deletes applied here, in order, each waiting until it is older than the grace and causally stable (see
/// <see cref="CausalStability"/>), when its tombstone is forgotten. Not thread-safe: the node serialises access.
/// </summary>
public sealed class TombstoneReaper(TimeSpan grace, TimeProvider time)
{
    private readonly Queue<(ReplicatedWrite Delete, long AppliedAt)> _deletes = new();

    /// <summary>Deletes applied and not yet forgotten or overwritten (as far as this queue knows).</summary>
    public int Waiting => _deletes.Count;

    /// <summary>Remembers <paramref name="write"/> if it is a delete.</summary>
    public void Track(ReplicatedWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.IsDelete)
        {
            _deletes.Enqueue((write, time.GetTimestamp()));
        }
    }

    /// <summary>
    /// Forgets the oldest deletes that are stable, stopping at the first that is not: O(tombstones forgotten + 1).
    /// Deletes become stable roughly in the order they were applied; one that waits behind a slower one is only
    /// forgotten a little later, never too early. <paramref name="knownPeers"/> is asked only when some delete is old
    /// enough, so the common case (on every write and acknowledgement) looks at no clock. Returns how many were forgotten.
    /// </summary>
    public int Reap(KvStore store, VectorClock own, Func<IReadOnlyList<VectorClock?>> knownPeers)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(knownPeers);
        var now = time.GetTimestamp();
        if (!_deletes.TryPeek(out var oldest) || time.GetElapsedTime(oldest.AppliedAt, now) < grace || store.IsCaptured)
        {
            return 0;
        }

        var known = knownPeers();
        var reaped = 0;
        while (_deletes.TryPeek(out var next))
        {
            var tombstone = next.Delete;
            if (store.Get(tombstone.Key) is not { } current || current.Write.Origin != tombstone.Origin || current.Write.Sequence != tombstone.Sequence)
            {
                _deletes.Dequeue(); // Overwritten since: nothing to forget.
                continue;
            }

            if (time.GetElapsedTime(next.AppliedAt, now) < grace || !CausalStability.IsStable(tombstone.Clock, own, known))
            {
                break;
            }

            _deletes.Dequeue();
            if (store.TryReap(tombstone))
            {
                reaped++;
            }
        }

        return reaped;
    }
}
