using GridAspire.KvNode.Storage;

namespace GridAspire.KvNode.Node;

/// <summary>
/// Lends the store, frozen, to a reader on another thread (a snapshot's writer, a state transfer) in O(1) under the
/// node's lock, and takes it back: the versions written meanwhile are folded back on the thread pool a chunk per lock
/// hold, so no single hold costs more than a chunk, and the snapshot writer (background priority) never holds the lock.
/// </summary>
internal sealed class StoreCapture(Lock gate, KvStore store)
{
    private const int FoldBackChunk = 1024;

    /// <summary>True while the store is lent out or still folding back: no new capture can start.</summary>
    public bool Busy => store.IsCaptured;

    /// <summary>Under the lock: freezes the store and returns its versions, or null while it is lent out.</summary>
    public IReadOnlyCollection<StoredVersion>? TryCapture() => store.IsCaptured ? null : store.Capture();

    /// <summary>The captured versions are no longer read: takes the lock itself, then folds back in the background.</summary>
    public void Release()
    {
        lock (gate)
        {
            store.EndCapture();
        }

        _ = Task.Run(() =>
        {
            bool done;
            do
            {
                lock (gate)
                {
                    done = store.FoldBack(FoldBackChunk);
                }
            }
            while (!done);
        });
    }
}
