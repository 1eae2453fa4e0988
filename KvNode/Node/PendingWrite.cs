using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Node;

/// <summary>A peer's write held in the delivery buffer, with when it arrived (for the buffered-time histogram).</summary>
internal sealed record PendingWrite(ReplicatedWrite Write, long ArrivedTimestamp) : ICausalMessage
{
    public string Origin => Write.Origin;

    public VectorClock Clock => Write.Clock;
}
