namespace GridAspire.KvNode.Chaos.History;

/// <summary>A version of a key as a node returned it: the write that produced it, with its clock.</summary>
/// <param name="Origin">The node that accepted the write.</param>
/// <param name="Clock">The write's vector clock.</param>
/// <param name="Value">The value; null for a delete.</param>
public sealed record Observation(string Origin, IReadOnlyDictionary<string, long> Clock, string? Value)
{
    /// <summary>The write's identity.</summary>
    public WriteId Id => WriteId.Of(Origin, Clock);

    /// <summary>True when the version is a delete (tombstone).</summary>
    public bool Deleted => Value is null;
}
