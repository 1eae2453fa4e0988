namespace GridAspire.KvNode.Chaos.History;

/// <summary>One injected fault (or heal), for the run's record.</summary>
/// <param name="At">When, from the start of the run.</param>
/// <param name="Kind">delay, drop, reorder, hold, partition, kill, restart or heal.</param>
/// <param name="Description">What exactly.</param>
public sealed record FaultEvent(TimeSpan At, string Kind, string Description)
{
    /// <inheritdoc/>
    public override string ToString() => $"{At.TotalMilliseconds:0}ms {Kind}: {Description}";
}
