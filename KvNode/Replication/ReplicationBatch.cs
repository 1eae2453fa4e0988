using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>A batch of an origin's own writes, sent in sequence order to one peer: one frame of its replication stream.</summary>
/// <param name="From">The sending node.</param>
/// <param name="Writes">Writes after what the peer acknowledged (empty: the sender only asks for the peer's clock).</param>
/// <param name="SentAs">The sender's <c>send</c> event id, while its events are watched (so the arrow can be drawn).</param>
public sealed record ReplicationBatch(string From, IReadOnlyList<ReplicatedWrite> Writes, long? SentAs = null);
