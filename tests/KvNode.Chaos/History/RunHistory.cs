namespace GridAspire.KvNode.Chaos.History;

/// <summary>Everything a chaos run recorded: the checker's whole input.</summary>
/// <param name="Seed">The seed the workload and faults came from.</param>
/// <param name="Operations">Client operations in invocation order.</param>
/// <param name="Faults">Faults injected, in order.</param>
/// <param name="Final">Each node's state after healing and quiescence.</param>
/// <param name="ConvergedAfter">How long after healing the nodes agreed; null when they had not after the deadline.</param>
/// <param name="NotQuiet">When they had not: what the last look at the nodes still showed (for the violation's message).</param>
public sealed record RunHistory(
    int Seed,
    IReadOnlyList<Operation> Operations,
    IReadOnlyList<FaultEvent> Faults,
    IReadOnlyDictionary<string, NodeFinalState> Final,
    TimeSpan? ConvergedAfter,
    string? NotQuiet = null);
