using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Node;

/// <summary>
/// The last few peer writes delivered, in delivery order: lets a client or a person see from outside that
/// x was delivered before y. Bounded, so it costs nothing as the store grows. Not thread-safe.
/// </summary>
internal sealed class RecentDeliveries(int capacity)
{
    private readonly Queue<ReplicatedWrite> _writes = new(capacity);

    public void Add(ReplicatedWrite write)
    {
        if (_writes.Count == capacity)
        {
            _writes.Dequeue();
        }

        _writes.Enqueue(write);
    }

    public List<ReplicatedWrite> ToList() => [.. _writes];
}
