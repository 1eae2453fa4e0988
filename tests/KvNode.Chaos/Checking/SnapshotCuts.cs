using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// A batch read must return a causal cut of the keys it names: when the version returned for one key depends on a write
/// to another key of the batch, the version returned for that other key must not be older than that write (nor
/// nothing, unless a forgotten delete explains it). A multi-key write is seen whole or not at all: when one key shows
/// it, every other key of it that the batch names must show it or something newer (a torn write otherwise); a
/// concurrent version may stand beside it only by winning (last writer wins), and cannot win if the write's own clock, as
/// the same answer showed it, covers that version (the write then has the later timestamp). Each key of a batch is in the history as a read sharing
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

                    // The other keys of a multi-key write are not its past but itself: seen with one of them, they must be there too.
                    var sameWrite = past.WholeWrite(otherSource).Where(w => w.Key == read.Key).ToList();
                    var dependencies = past.Before(otherSource).Select(i => operations[i]).Where(w => w.Key == read.Key).Concat(sameWrite).ToList();
                    if (source is null && ForgottenDeletes.Explaining(operations, read.Key, dependencies, read, past) is not null)
                    {
                        continue;
                    }

                    foreach (var dependency in dependencies.Where(d => source is null
                        || (source.Index != d.Index && (past.Precedes(source, d) || (sameWrite.Contains(d) && Covers(other.Result!, read.Result!))))))
                    {
                        var saw = source is null ? "nothing" : $"the older #{source.Index}";
                        var torn = sameWrite.Contains(dependency);
                        violations.Add(Violation.Of(torn ? ViolationKind.TornWrite : ViolationKind.SnapshotCut,
                            $"batch read #{read.Batch} at {read.Node} returned {saw} for {read.Key} beside #{otherSource.Index} for {other.Key}, " +
                            (torn ? $"which was written together with #{dependency.Index} to {read.Key}" : $"which depends on write #{dependency.Index} to {read.Key}"),
                            dependency, source, otherSource, read, other));
                    }
                }
            }
        }
    }

    // True when the write seen as `write` had `seen` in its clock: `seen` is older, and loses to it on every node.
    private static bool Covers(Observation write, Observation seen) =>
        write.Id != seen.Id && write.Clock.GetValueOrDefault(seen.Origin) >= seen.Id.Sequence;
}
