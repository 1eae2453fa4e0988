using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// Maps every version a node returned to the client operation that wrote it. Acknowledged writes are known by their
/// (node, counter) identity; a write whose answer was lost (info) is recognised by its unique value, or, for a
/// delete, as one of the unanswered deletes of that key. Anything else came from thin air.
/// </summary>
public sealed class WriteResolver
{
    private readonly Dictionary<WriteId, Operation> _byId = [];
    private readonly Dictionary<string, Operation> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<int, WriteId> _idOfInfo = [];
    private readonly List<Operation> _unansweredDeletes;
    private readonly List<Violation> _violations;

    /// <summary>Indexes the writes of <paramref name="operations"/>; identity clashes go to <paramref name="violations"/>.</summary>
    public WriteResolver(IReadOnlyList<Operation> operations, List<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        _violations = violations;
        var writes = operations.Where(o => o.IsWrite && o.Outcome != Outcome.Fail).ToList();
        foreach (var write in writes.Where(w => w.Kind == OpKind.Write))
        {
            _byValue[write.Value!] = write;
        }

        foreach (var write in writes.Where(w => w is { Outcome: Outcome.Ok, Result: not null }))
        {
            if (_byId.TryGetValue(write.Result!.Id, out var other))
            {
                violations.Add(Violation.Of(ViolationKind.ReusedWriteId,
                    $"two acknowledged writes both carry the identity {write.Result.Id}", other, write));
                continue;
            }

            _byId[write.Result.Id] = write;
        }

        _unansweredDeletes = writes.Where(w => w is { Kind: OpKind.Delete, Outcome: Outcome.Info }).ToList();
    }

    /// <summary>The identity of a write operation: from its answer, or from the first version that showed it.</summary>
    public WriteId? IdOf(Operation write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write.Result?.Id ?? (_idOfInfo.TryGetValue(write.Index, out var id) ? id : null);
    }

    /// <summary>
    /// The write that produced <paramref name="observed"/>, seen by <paramref name="reader"/> (a read, or null for
    /// the final state) at key <paramref name="key"/>; null, with a violation, when no operation could have.
    /// </summary>
    public Operation? Resolve(Observation observed, string key, Operation? reader)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (_byId.TryGetValue(observed.Id, out var write))
        {
            if (write.Key == key && write.Value == observed.Value)
            {
                return write;
            }

            return ThinAir($"{key} showed {observed.Value ?? "(deleted)"} as {observed.Id}, but {observed.Id} wrote " +
                $"{write.Key}={write.Value ?? "(deleted)"}", reader, write);
        }

        var candidate = observed.Value is { } value
            ? (_byValue.TryGetValue(value, out var byValue) && byValue.Outcome == Outcome.Info && byValue.Key == key ? byValue : null)
            : _unansweredDeletes.FirstOrDefault(d => d.Key == key && !_idOfInfo.ContainsKey(d.Index));
        if (candidate is null || _idOfInfo.ContainsKey(candidate.Index))
        {
            return ThinAir($"{key} showed {observed.Value ?? "(deleted)"} as {observed.Id}, which no client operation wrote",
                reader, candidate);
        }

        _idOfInfo[candidate.Index] = observed.Id;
        _byId[observed.Id] = candidate;
        return candidate;
    }

    private Operation? ThinAir(string message, Operation? reader, Operation? write)
    {
        _violations.Add(Violation.Of(ViolationKind.ThinAir, message, reader, write));
        return null;
    }
}
