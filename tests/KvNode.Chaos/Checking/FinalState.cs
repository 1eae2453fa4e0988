using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// After healing: every node must have delivered every acknowledged write, hold no version older than an
/// acknowledged write of the same key, and agree with every other node, within the convergence deadline. Writes that
/// went with a lost disk are the one exception (see <see cref="LostDisks"/>).
/// </summary>
public static class FinalState
{
    /// <summary>Adds lost-write and divergence violations.</summary>
    public static void Check(RunHistory history, WriteResolver writes, CausalPast past, List<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(violations);
        var retired = LostDisks.RetiredEntries(history);
        var acknowledged = history.Operations
            .Where(o => o is { IsWrite: true, Outcome: Outcome.Ok, Result: not null } && !LostDisks.WentWithTheDisk(o, history, retired))
            .ToList();
        foreach (var (node, state) in history.Final)
        {
            foreach (var write in acknowledged.Where(w => state.Clock.GetValueOrDefault(w.Result!.Origin) < w.Result.Id.Sequence))
            {
                violations.Add(Violation.Of(ViolationKind.LostWrite,
                    $"{node} never delivered acknowledged write {write.Result!.Id} (its clock has {write.Result.Origin}:" +
                    $"{state.Clock.GetValueOrDefault(write.Result.Origin)})", write));
            }

            foreach (var group in acknowledged.GroupBy(w => w.Key))
            {
                var held = state.Keys.GetValueOrDefault(group.Key);
                var source = held is null ? null : writes.Resolve(held, group.Key, reader: null);
                if (held is not null && source is null)
                {
                    continue; // Came from thin air: already reported.
                }

                if (held is null && ForgottenDeletes.Explaining(history.Operations, group.Key, group.ToList(), reader: null, past) is not null)
                {
                    continue; // Absent: a delete at least as new as every acknowledged write, forgotten once stable.
                }

                foreach (var write in group.Where(w => source is null || (source.Index != w.Index && past.Precedes(source, w))))
                {
                    violations.Add(Violation.Of(ViolationKind.LostWrite,
                        $"{node} ends with {(source is null ? "nothing" : $"the older #{source.Index}")} for {group.Key}, " +
                        $"losing acknowledged write #{write.Index}", write, source));
                }
            }
        }

        CheckConvergence(history, violations);
    }

    private static void CheckConvergence(RunHistory history, List<Violation> violations)
    {
        if (history.ConvergedAfter is not { } after || after > CausalChecker.ConvergenceDeadline)
        {
            violations.Add(Violation.Of(ViolationKind.Divergence,
                $"nodes did not agree within {CausalChecker.ConvergenceDeadline.TotalSeconds:0} s of healing" +
                (history.ConvergedAfter is { } late ? $" (took {late.TotalSeconds:0.0} s)" : "") +
                (history.NotQuiet is { } why ? $"; last seen: {why}" : "")));
        }

        var reference = history.Final.OrderBy(n => n.Key, StringComparer.Ordinal).FirstOrDefault();
        foreach (var (node, state) in history.Final)
        {
            if (state.Buffered > 0)
            {
                violations.Add(Violation.Of(ViolationKind.Divergence, $"{node} still buffers {state.Buffered} writes after healing"));
            }

            if (!SameClock(state.Clock, reference.Value.Clock))
            {
                violations.Add(Violation.Of(ViolationKind.Divergence,
                    $"{node} ends at clock {ClockText.Show(state.Clock)} but {reference.Key} at {ClockText.Show(reference.Value.Clock)}"));
            }

            // A tombstone and absence agree: nodes forget stable tombstones each at its own moment.
            foreach (var key in state.Keys.Keys.Union(reference.Value.Keys.Keys)
                .Where(k => Live(state, k)?.Id != Live(reference.Value, k)?.Id))
            {
                violations.Add(Violation.Of(ViolationKind.Divergence,
                    $"{node} ends with {key}={Live(state, key)?.Id.ToString() ?? "absent"} but {reference.Key} " +
                    $"with {Live(reference.Value, key)?.Id.ToString() ?? "absent"}"));
            }
        }
    }

    private static bool SameClock(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a.Keys.Union(b.Keys).All(k => a.GetValueOrDefault(k) == b.GetValueOrDefault(k));

    private static Observation? Live(NodeFinalState state, string key) =>
        state.Keys.GetValueOrDefault(key) is { Value: not null } live ? live : null;
}
