using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Checking;

/// <summary>
/// How a write entered an operation's causal past, which names the guarantee a violation breaks: the session's own
/// write, a write the session read itself, or a write reached only through other sessions.
/// </summary>
public sealed class SessionRelation(IReadOnlyList<Operation> operations, IReadOnlyDictionary<int, Operation> readFrom)
{
    // (session, write) -> index of the session's first read that returned the write.
    private readonly Dictionary<(int Session, int Write), int> _firstRead = operations
        .Where(o => readFrom.ContainsKey(o.Index))
        .GroupBy(o => (o.Session, readFrom[o.Index].Index))
        .ToDictionary(g => g.Key, g => g.Min(o => o.Index));

    /// <summary>True when <paramref name="write"/> is an earlier acknowledged write of <paramref name="subject"/>'s session.</summary>
    public static bool IsOwn(Operation subject, Operation write)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(write);
        return write.Session == subject.Session && write.Outcome == Outcome.Ok && write.Index < subject.Index;
    }

    /// <summary>True when <paramref name="subject"/>'s session read <paramref name="write"/> before <paramref name="subject"/>.</summary>
    public bool WasRead(Operation subject, Operation write)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(write);
        return _firstRead.TryGetValue((subject.Session, write.Index), out var read) && read < subject.Index;
    }

    /// <summary>Picks the violation kind for a dependency on <paramref name="write"/> that <paramref name="subject"/> broke.</summary>
    public ViolationKind Classify(Operation subject, Operation write, ViolationKind own, ViolationKind read) =>
        IsOwn(subject, write) ? own : WasRead(subject, write) ? read : ViolationKind.CausalOrder;
}
