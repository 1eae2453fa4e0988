using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Node;

/// <summary>What a replication batch did at the receiver.</summary>
/// <param name="Delivered">Writes delivered by this batch (its own and buffered ones it unblocked), in order.</param>
/// <param name="Buffered">How many writes of the batch wait for their causal past.</param>
/// <param name="Duplicates">How many writes of the batch were already delivered.</param>
public sealed record ReceiveOutcome(IReadOnlyList<ReplicatedWrite> Delivered, int Buffered, int Duplicates);
