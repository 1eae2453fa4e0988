using GridAspire.KvNode.Core;

namespace GridAspire.KvNode.Chaos;

/// <summary>What the faults do to one send.</summary>
/// <param name="Delay">How long to wait before sending.</param>
/// <param name="Drop">True when the send is lost.</param>
/// <param name="Writes">The writes in the order they go on the wire.</param>
public sealed record LinkSendPlan(TimeSpan Delay, bool Drop, IReadOnlyList<ReplicatedWrite> Writes);
