using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// A batch read must return a causal cut of the keys it names: when the version returned for one key depends on a write
/// to another key of the batch, the version returned for that other key must not be older than that write (nor
/// nothing, unless a forgotten delete explains it). Each key of a batch is in the history as a read sharing
/// <see cref="Operation.Batch"/>; single reads of the same keys at different moments owe each other nothing.
/// </summary>
public static class SnapshotCuts
{
    /// <summary>Adds a violation per batch read that paired a value with an older version of something it depends on.</summary>
    public static void Check(
        IReadOnlyList<Operation> operations, IReadOnlyDictionary<int, Operation> readFrom, CausalPast past, List<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(readFrom);
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(violations);
        foreach (var batch in operations.Where(o => o is { Kind: OpKind.Read, Outcome: Outcome.Ok, Batch: not null }).GroupBy(o => o.Batch))
        {
            var reads = batch.ToList();
            foreach (var read in reads)
            {
                var source = readFrom.GetValueOrDefault(read.Index);
                if (read.Result is not null && source is null)
                {
                    continue; // Came from thin air: already reported.
                }

                foreach (var other in reads.Where(r => r.Index != read.Index))
                {
                    if (readFrom.GetValueOrDefault(other.Index) is not { } otherSource)
                    {
                        continue;
                    }

                    var dependencies = past.Before(otherSource).Select(i => operations[i]).Where(w => w.Key == read.Key).ToList();
                    if (source is null && ForgottenDeletes.Explaining(operations, read.Key, dependencies, read, past) is not null)
                    {
                        continue;
                    }

                    foreach (var dependency in dependencies.Where(d => source is null || (source.Index != d.Index && past.Precedes(source, d))))
                    {
                        var saw = source is null ? "nothing" : $"the older #{source.Index}";
                        violations.Add(Violation.Of(ViolationKind.SnapshotCut,
                            $"batch read #{read.Batch} at {read.Node} returned {saw} for {read.Key} beside #{otherSource.Index} for {other.Key}, " +
                            $"which depends on write #{dependency.Index} to {read.Key}",
                            dependency, source, otherSource, read, other));
                    }
                }
            }
        }
    }
}
