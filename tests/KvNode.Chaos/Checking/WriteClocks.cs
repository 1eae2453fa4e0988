using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// Every acknowledged write's clock must cover every write in its causal past: otherwise a node could deliver it
/// first. A missed own write breaks monotonic writes; a missed write the session read breaks writes-follow-reads.
/// </summary>
public static class WriteClocks
{
    /// <summary>Adds a violation per write whose clock misses a dependency.</summary>
    public static void Check(
        IReadOnlyList<Operation> operations, WriteResolver writes, CausalPast past, SessionRelation relation, IReadOnlySet<string> retired,
        List<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(retired);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(violations);
        foreach (var write in operations.Where(o => o is { IsWrite: true, Outcome: Outcome.Ok, Result: not null }))
        {
            foreach (var dependency in past.Before(write).Select(i => operations[i]))
            {
                if (writes.IdOf(dependency) is not { } id || write.Result!.Clock.GetValueOrDefault(id.Origin) >= id.Sequence
                    || (retired.Contains(id.Origin) && !write.Result.Clock.ContainsKey(id.Origin)))
                {
                    continue; // Covered, or a retired incarnation's entry pruned whole (see LostDisks).
                }

                var kind = relation.Classify(write, dependency, ViolationKind.MonotonicWrites, ViolationKind.WritesFollowReads);
                violations.Add(Violation.Of(kind,
                    $"write {write.Result.Id} does not carry {id} in its clock, though {id} causally precedes it", dependency, write));
            }
        }
    }
}
