using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// The causal past of every operation, derived from the history alone (never from the system's clocks): session
/// order (each session's successful operations, in order) and read-from order (a read comes after the write it
/// returned), closed transitively. A write's past is the past of its session at the moment it was sent.
/// </summary>
public sealed class CausalPast
{
    private static readonly HashSet<int> Nothing = [];

    private readonly Dictionary<int, Operation?> _previousInSession = [];
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
        foreach (var session in operations.GroupBy(o => o.Session))
        {
            Operation? previous = null;
            foreach (var op in session.OrderBy(o => o.Index))
            {
                _previousInSession[op.Index] = previous;
                previous = op;
            }
        }
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
            if (previous.IsWrite)
            {
                past.Add(previous.Index);
            }
            else if (_readFrom.TryGetValue(previous.Index, out var source))
            {
                past.Add(source.Index);
                past.UnionWith(Before(source));
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
