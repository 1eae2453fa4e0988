namespace GridAspire.KvNode.Replication;

/// <summary>A member's answer to a join: the whole membership, for the new node to replicate with.</summary>
/// <param name="From">The answering member.</param>
/// <param name="Members">Every member the cluster has had, removed ones included, with its address.</param>
/// <param name="Removed">The members removed for good.</param>
public sealed record JoinAnswer(string From, IReadOnlyDictionary<string, Uri> Members, IReadOnlyList<string> Removed);
