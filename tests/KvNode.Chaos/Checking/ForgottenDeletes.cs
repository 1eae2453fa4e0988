using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// A node forgets a delete's tombstone once it is causally stable (<c>Kv:TombstoneGrace</c> after, at the earliest),
/// and the key then reads as never written. So "nothing" is a correct answer when some delete of the key could be the
/// version the node held: a delete that did not fail, that no write in question causally follows, and that is not in
/// the reader's causal future. Without one, "nothing" means a lost write, as before.
/// </summary>
/// <remarks>
/// The allowance is deliberately narrow: it never excuses returning an older value, only absence, and only where a
/// delete at least as new as every write that had to be visible exists in the history.
/// </remarks>
public static class ForgottenDeletes
{
    /// <summary>The delete that explains reading nothing for <paramref name="key"/>, or null when none does.</summary>
    /// <param name="operations">The whole history.</param>
    /// <param name="key">The key read as absent.</param>
    /// <param name="mustBeVisible">Writes of the key the observation may not be older than.</param>
    /// <param name="reader">The read, or null for a node's final state.</param>
    /// <param name="past">The causal order.</param>
    public static Operation? Explaining(
        IReadOnlyList<Operation> operations, string key, IReadOnlyCollection<Operation> mustBeVisible, Operation? reader, CausalPast past)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(mustBeVisible);
        ArgumentNullException.ThrowIfNull(past);
        return operations.FirstOrDefault(delete =>
            delete is { Kind: OpKind.Delete, Outcome: not Outcome.Fail } && delete.Key == key
            && (reader is null || !past.Precedes(reader, delete))
            && mustBeVisible.All(write => write.Index == delete.Index || !past.Precedes(delete, write)));
    }
}
