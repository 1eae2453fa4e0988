using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>A batch of an origin's own writes, sent in sequence order to one peer.</summary>
/// <param name="From">The sending node.</param>
/// <param name="Writes">Writes after the peer's last acknowledged sequence.</param>
public sealed record ReplicationBatch(string From, IReadOnlyList<ReplicatedWrite> Writes);
