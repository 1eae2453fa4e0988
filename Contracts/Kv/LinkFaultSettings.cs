namespace GridAspire.Contracts.Kv;

/// <summary>Body of <c>PUT /admin/links/{peer}</c>, fault injection on a node's outgoing link (when the node enables it).</summary>
/// <param name="DelayMs">Fixed delay added to every send.</param>
/// <param name="JitterMs">Extra random delay, uniform in [0, JitterMs].</param>
/// <param name="DropRate">Probability that a send is lost (the origin re-sends it later).</param>
/// <param name="Seed">Seed of the random source, so faults replay identically.</param>
/// <param name="Reorder">Shuffle the writes inside each batch.</param>
public sealed record LinkFaultSettings(
    int DelayMs = 0,
    int JitterMs = 0,
    double DropRate = 0,
    int Seed = 0,
    bool Reorder = false)
{
    /// <summary>No faults.</summary>
    public static LinkFaultSettings None { get; } = new();
}
