using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Storage;

/// <summary>
/// Last-writer-wins by (Lamport timestamp, origin id). A write that causally follows another always has a larger
/// Lamport timestamp, so this order never contradicts causality; for concurrent writes it is the same
/// arbitrary-but-fixed choice on every node, which is what makes replicas converge.
/// </summary>
public static class ConflictResolution
{
    /// <summary>True when <paramref name="candidate"/> should replace <paramref name="current"/>.</summary>
    public static bool Wins(ReplicatedWrite candidate, ReplicatedWrite current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        return candidate.Lamport != current.Lamport
            ? candidate.Lamport > current.Lamport
            : string.CompareOrdinal(candidate.Origin, current.Origin) > 0;
    }
}
