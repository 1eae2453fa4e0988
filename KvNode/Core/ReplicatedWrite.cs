using System.Text.Json.Serialization;
using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Core;

/// <summary>
/// One write as it travels between nodes. <c>Clock[Origin]</c> is its sequence number at the origin; a null
/// <see cref="Value"/> is a delete (a tombstone, itself a causal event). An atomic multi-key write is one write too:
/// <see cref="Key"/> and <see cref="Value"/> are its first change and <see cref="More"/> the others, so it has one
/// clock, one Lamport timestamp and one journal record, and a node applies all its changes in one delivery or none.
/// </summary>
/// <param name="Origin">The node that accepted the write from a client.</param>
/// <param name="Clock">The origin's vector clock right after the write.</param>
/// <param name="Lamport">Lamport timestamp, ordering concurrent writes to one key (then origin id).</param>
/// <param name="Key">The key written.</param>
/// <param name="Value">The value, or null for a delete.</param>
/// <param name="TraceParent">W3C traceparent of the client's write, so delivery continues its trace.</param>
/// <param name="More">The other keys of a multi-key write (none twice, none equal to <see cref="Key"/>); null for one key.</param>
public sealed record ReplicatedWrite(
    [property: JsonConverter(typeof(NodeIdJsonConverter))] string Origin,
    VectorClock Clock,
    long Lamport,
    string Key,
    string? Value,
    string? TraceParent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<KeyChange>? More = null)
    : ICausalMessage
{
    /// <summary>The write's sequence number at its origin.</summary>
    [JsonIgnore]
    public long Sequence => Clock[Origin];

    /// <summary>True for a delete.</summary>
    [JsonIgnore]
    public bool IsDelete => Value is null;

    /// <summary>The keys the write changes, as logs and events show them: <c>a</c>, or <c>a, b, c</c> for a multi-key write.</summary>
    [JsonIgnore]
    public string KeyList => More is null ? Key : Key + ", " + string.Join(", ", More.Select(c => c.Key));

    /// <summary>What the write does, as metrics, logs and events name it: put, delete or batch.</summary>
    [JsonIgnore]
    public string Operation => More is not null ? "batch" : IsDelete ? "delete" : "put";

    /// <summary>Characters of the values it carries (what makes a write large on the wire).</summary>
    [JsonIgnore]
    public long ValueChars => (Value?.Length ?? 0) + (More is null ? 0 : More.Sum(c => (long)(c.Value?.Length ?? 0)));

    /// <summary>Number of keys the write changes.</summary>
    [JsonIgnore]
    public int KeyCount => 1 + (More?.Count ?? 0);

    /// <summary>
    /// The write as one single-key write per key it changes, all with its origin, clock and timestamp: what the store
    /// keeps per key. A single-key write is its own only part.
    /// </summary>
    public IEnumerable<ReplicatedWrite> PerKey()
    {
        if (More is null)
        {
            yield return this;
            yield break;
        }

        yield return this with { More = null };
        foreach (var change in More)
        {
            yield return this with { Key = change.Key, Value = change.Value, More = null };
        }
    }
}
