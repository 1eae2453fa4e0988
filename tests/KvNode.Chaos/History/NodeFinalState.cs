namespace GridAspire.KvNode.Chaos.History;

/// <summary>What one node holds after healing and quiescence.</summary>
/// <param name="Clock">Its delivered vector clock.</param>
/// <param name="Buffered">Writes still waiting for their causal past.</param>
/// <param name="Keys">Each workload key's version there (null: absent).</param>
/// <param name="Writer">The clock entry the node writes under at the end (kv1, or kv1.2 after a lost disk); null when unknown.</param>
public sealed record NodeFinalState(
    IReadOnlyDictionary<string, long> Clock, int Buffered, IReadOnlyDictionary<string, Observation?> Keys, string? Writer = null);
