using System.Text.Json.Serialization;
using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Core;

/// <summary>
/// One write as it travels between nodes. <c>Clock[Origin]</c> is its sequence number at the origin; a null
/// <see cref="Value"/> is a delete (a tombstone, itself a causal event).
/// </summary>
/// <param name="Origin">The node that accepted the write from a client.</param>
/// <param name="Clock">The origin's vector clock right after the write.</param>
/// <param name="Lamport">Lamport timestamp, ordering concurrent writes to one key (then origin id).</param>
/// <param name="Key">The key written.</param>
/// <param name="Value">The value, or null for a delete.</param>
/// <param name="TraceParent">W3C traceparent of the client's write, so delivery continues its trace.</param>
public sealed record ReplicatedWrite(
    [property: JsonConverter(typeof(NodeIdJsonConverter))] string Origin,
    VectorClock Clock,
    long Lamport,
    string Key,
    string? Value,
    string? TraceParent = null)
    : ICausalMessage
{
    /// <summary>The write's sequence number at its origin.</summary>
    [JsonIgnore]
    public long Sequence => Clock[Origin];

    /// <summary>True for a delete.</summary>
    [JsonIgnore]
    public bool IsDelete => Value is null;
}
