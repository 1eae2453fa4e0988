namespace GridAspire.KvNode.Chaos.History;

/// <summary>A write's identity: the node that accepted it and that node's counter for it.</summary>
public readonly record struct WriteId(string Origin, long Sequence)
{
    /// <summary>The identity of the write a clock belongs to, given the node that made it.</summary>
    public static WriteId Of(string origin, IReadOnlyDictionary<string, long> clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new(origin, clock.GetValueOrDefault(origin));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Origin}#{Sequence}";
}
