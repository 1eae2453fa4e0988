using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// Maps every version a node returned to the client operation that wrote it. Acknowledged writes are known by their
/// (node, counter) identity and key (the keys of one multi-key write share its identity); a write whose answer was
/// lost (info) is recognised by its unique value, or, for a delete, as one of the unanswered deletes of that key, and
/// the other keys of its batch then take the same identity. Anything else came from thin air.
/// </summary>
public sealed class WriteResolver
{
    private readonly Dictionary<(WriteId Id, string Key), Operation> _byId = [];
    private readonly Dictionary<WriteId, int> _owner = []; // the batch (or single write) an identity belongs to
    private readonly Dictionary<string, Operation> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<int, WriteId> _idOfInfo = [];
    private readonly ILookup<int, Operation> _batches;
    private readonly List<Operation> _unansweredDeletes;
    private readonly List<Violation> _violations;

    /// <summary>Indexes the writes of <paramref name="operations"/>; identity clashes go to <paramref name="violations"/>.</summary>
    public WriteResolver(IReadOnlyList<Operation> operations, List<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        _violations = violations;
        var writes = operations.Where(o => o.IsWrite && o.Outcome != Outcome.Fail).ToList();
        _batches = writes.Where(w => w.Batch is not null).ToLookup(w => w.Batch!.Value);
        foreach (var write in writes.Where(w => w.Kind == OpKind.Write))
        {
            _byValue[write.Value!] = write;
        }

        foreach (var write in writes.Where(w => w is { Outcome: Outcome.Ok, Result: not null }))
        {
            var id = write.Result!.Id;
            if (_owner.TryGetValue(id, out var owner) && owner != (write.Batch ?? write.Index))
            {
                violations.Add(Violation.Of(ViolationKind.ReusedWriteId,
                    $"two acknowledged writes both carry the identity {id}", operations[owner], write));
                continue;
            }

            _owner[id] = write.Batch ?? write.Index;
            _byId[(id, write.Key)] = write;
        }

        _unansweredDeletes = writes.Where(w => w is { Kind: OpKind.Delete, Outcome: Outcome.Info }).ToList();
    }

    /// <summary>The identity of a write operation: from its answer, or from the first version that showed it (or its batch).</summary>
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
        if (_byId.TryGetValue((observed.Id, key), out var write))
        {
            if (write.Value == observed.Value)
            {
                return write;
            }

            return ThinAir($"{key} showed {observed.Value ?? "(deleted)"} as {observed.Id}, but {observed.Id} wrote " +
                $"{write.Key}={write.Value ?? "(deleted)"}", reader, write);
        }

        if (_owner.ContainsKey(observed.Id))
        {
            var other = _byId.First(e => e.Key.Id == observed.Id).Value;
            return ThinAir($"{key} showed {observed.Value ?? "(deleted)"} as {observed.Id}, but {observed.Id} did not write {key}", reader, other);
        }

        var candidate = observed.Value is { } value
            ? (_byValue.TryGetValue(value, out var byValue) && byValue.Outcome == Outcome.Info && byValue.Key == key ? byValue : null)
            : _unansweredDeletes.FirstOrDefault(d => d.Key == key && !_idOfInfo.ContainsKey(d.Index));
        if (candidate is null || _idOfInfo.ContainsKey(candidate.Index))
        {
            return ThinAir($"{key} showed {observed.Value ?? "(deleted)"} as {observed.Id}, which no client operation wrote",
                reader, candidate);
        }

        _owner[observed.Id] = candidate.Batch ?? candidate.Index;
        foreach (var part in candidate.Batch is { } batch ? _batches[batch] : [candidate])
        {
            _idOfInfo[part.Index] = observed.Id;
            _byId[(observed.Id, part.Key)] = part;
        }

        return candidate;
    }

    private Operation? ThinAir(string message, Operation? reader, Operation? write)
    {
        _violations.Add(Violation.Of(ViolationKind.ThinAir, message, reader, write));
        return null;
    }
}
