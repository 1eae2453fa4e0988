using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Tests.Causality;

internal sealed record TestMessage(string Origin, VectorClock Clock) : ICausalMessage
{
    public override string ToString() => $"{Origin}{Clock}";
}
