using System.Text.Json.Serialization;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Replication;

/// <summary>A batch of an origin's own writes, sent in sequence order to one peer: one frame of its replication stream.</summary>
/// <param name="From">The sending node.</param>
/// <param name="Writes">Writes after what the peer acknowledged (empty: the sender only asks for the peer's clock).</param>
/// <param name="SentAs">The sender's <c>send</c> event id, while its events are watched (so the arrow can be drawn).</param>
/// <param name="Removed">The members the sender knows were removed (null: none). Taken before the writes, so a write made
/// after a removal is never delivered where the removal is not known.</param>
/// <param name="Joined">The members the sender knows joined after the configured ones, with their addresses (null: none);
/// taken before the writes too.</param>
public sealed record ReplicationBatch(
    string From,
    IReadOnlyList<ReplicatedWrite> Writes,
    long? SentAs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Removed = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, Uri>? Joined = null);
