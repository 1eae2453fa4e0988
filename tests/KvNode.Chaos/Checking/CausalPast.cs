using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// The causal past of every operation, derived from the history alone (never from the system's clocks): session
/// order (each session's successful operations, in order) and read-from order (a read comes after the write it
/// returned), closed transitively. A write's past is the past of its session at the moment it was sent. A batch is one
/// operation: each of its keys has the past the batch was sent with and none precedes another; the session's next
/// operation follows all of them. A multi-key write is one write: a read that returned one key of it follows all of it.
/// </summary>
public sealed class CausalPast
{
    private static readonly HashSet<int> Nothing = [];

    private readonly Dictionary<int, Operation?> _previousInSession = [];
    private readonly ILookup<int, Operation> _batches;
    private readonly IReadOnlyDictionary<int, Operation> _readFrom;
    private readonly Dictionary<int, HashSet<int>> _before = [];
    private readonly HashSet<int> _computing = [];
    private readonly List<Violation> _violations;

    /// <summary>Prepares the past of <paramref name="operations"/>; <paramref name="readFrom"/> maps an ok read to the write it returned.</summary>
    public CausalPast(IReadOnlyList<Operation> operations, IReadOnlyDictionary<int, Operation> readFrom, List<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        _readFrom = readFrom;
        _violations = violations;
        _batches = operations.Where(o => o.Batch is not null).ToLookup(o => o.Batch!.Value);
        foreach (var session in operations.GroupBy(o => o.Session))
        {
            Operation? previous = null;
            foreach (var op in session.OrderBy(o => o.Index))
            {
                // Every key of a batch follows what the session did before the batch, not the batch's other keys.
                _previousInSession[op.Index] = op.Batch is { } batch && op.Index != batch ? _previousInSession[batch] : previous;
                previous = op;
            }
        }
    }

    /// <summary>The operations of one write: every key of <paramref name="write"/>'s batch, or the write alone.</summary>
    public IEnumerable<Operation> WholeWrite(Operation write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write is { IsWrite: true, Batch: { } batch } ? _batches[batch] : [write];
    }

    /// <summary>Indices of the writes that causally precede <paramref name="operation"/>.</summary>
    public IReadOnlySet<int> Before(Operation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (_before.TryGetValue(operation.Index, out var known))
        {
            return known;
        }

        if (!_computing.Add(operation.Index))
        {
            _violations.Add(Violation.Of(ViolationKind.CausalCycle,
                $"operation #{operation.Index} is in its own causal past (read-from and session order form a cycle)", operation));
            return Nothing;
        }

        var past = new HashSet<int>();
        if (_previousInSession[operation.Index] is { Outcome: Outcome.Ok } previous)
        {
            past.UnionWith(Before(previous));
            foreach (var done in previous.Batch is { } batch ? _batches[batch] : [previous])
            {
                if (done.IsWrite)
                {
                    past.Add(done.Index);
                }
                else if (_readFrom.TryGetValue(done.Index, out var source))
                {
                    past.UnionWith(WholeWrite(source).Select(w => w.Index));
                    past.UnionWith(Before(source));
                }
            }
        }
        else if (_previousInSession[operation.Index] is { } failed)
        {
            past.UnionWith(Before(failed));
        }

        _computing.Remove(operation.Index);
        _before[operation.Index] = past;
        return past;
    }

    /// <summary>True when write <paramref name="earlier"/> causally precedes <paramref name="later"/>.</summary>
    public bool Precedes(Operation earlier, Operation later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return Before(later).Contains(earlier.Index);
    }
}
