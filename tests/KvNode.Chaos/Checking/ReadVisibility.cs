using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// A read must not return a version older than a write to the same key in its causal past (nor nothing at all):
/// the node would then be exposing the world before that write. A concurrent version may win (last writer wins).
/// Missing the session's own write breaks read-your-writes; missing a version it read before breaks monotonic reads.
/// </summary>
public static class ReadVisibility
{
    /// <summary>Adds a violation per read that missed a write in its causal past.</summary>
    public static void Check(
        IReadOnlyList<Operation> operations,
        IReadOnlyDictionary<int, Operation> readFrom,
        CausalPast past,
        SessionRelation relation,
        List<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(readFrom);
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(violations);
        foreach (var read in operations.Where(o => o is { Kind: OpKind.Read, Outcome: Outcome.Ok }))
        {
            var source = readFrom.GetValueOrDefault(read.Index);
            if (read.Result is not null && source is null)
            {
                continue; // Came from thin air: already reported.
            }

            var dependencies = past.Before(read).Select(i => operations[i]).Where(w => w.Key == read.Key).ToList();
            if (source is null && ForgottenDeletes.Explaining(operations, read.Key, dependencies, read, past) is not null)
            {
                continue; // Absent: a delete as new as everything the read had to see, forgotten once stable.
            }

            foreach (var dependency in dependencies)
            {
                var stale = source is null || (source.Index != dependency.Index && past.Precedes(source, dependency));
                if (!stale)
                {
                    continue;
                }

                var kind = relation.Classify(read, dependency, ViolationKind.ReadYourWrites, ViolationKind.MonotonicReads);
                var saw = source is null ? "nothing" : $"the older #{source.Index}";
                violations.Add(Violation.Of(kind,
                    $"{read.Node} returned {saw} for {read.Key}, though write #{dependency.Index} to it is in the read's causal past",
                    dependency, source, read));
            }
        }
    }
}
