using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// Checks a chaos run's history: causal order (session and read-from order included), the four session guarantees,
/// batch reads from one causal cut,
/// no lost acknowledged write, and convergence within <see cref="ConvergenceDeadline"/> of healing.
/// The causal order it checks against is derived from what clients did and saw, not from the nodes' clocks.
/// </summary>
public static class CausalChecker
{
    /// <summary>How soon after healing every node must hold identical state.</summary>
    public static readonly TimeSpan ConvergenceDeadline = TimeSpan.FromSeconds(5);

    /// <summary>Every violation in <paramref name="history"/>; empty when the run kept every property.</summary>
    public static IReadOnlyList<Violation> Check(RunHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var violations = new List<Violation>();
        var writes = new WriteResolver(history.Operations, violations);
        var readFrom = new Dictionary<int, Operation>();
        foreach (var read in history.Operations.Where(o => o is { Kind: OpKind.Read, Outcome: Outcome.Ok, Result: not null }))
        {
            if (writes.Resolve(read.Result!, read.Key, read) is { } source)
            {
                readFrom[read.Index] = source;
            }
        }

        var past = new CausalPast(history.Operations, readFrom, violations);
        var relation = new SessionRelation(history.Operations, readFrom);
        WriteClocks.Check(history.Operations, writes, past, relation, LostDisks.OmittableEntries(history), violations);
        ReadVisibility.Check(history.Operations, readFrom, past, relation, violations);
        SnapshotCuts.Check(history.Operations, readFrom, past, violations);
        FinalState.Check(history, writes, past, violations);
        return violations;
    }
}
