using GridAspire.KvNode.Chaos.History;

namespace GridAspire.KvNode.Chaos.Tests;

/// <summary>Writes small histories by hand, so each checker test states exactly the anomaly it plants.</summary>
internal sealed class HistoryBuilder
{
    private readonly List<Operation> _operations = [];
    private readonly List<FaultEvent> _faults = [];

    public IReadOnlyList<Operation> Operations => _operations;

    /// <summary>An acknowledged write of <paramref name="value"/> at <paramref name="node"/> (its origin) with <paramref name="clock"/>.</summary>
    public Operation Write(int session, string node, string key, string value, string clock, Outcome outcome = Outcome.Ok) =>
        Add(session, node, OpKind.Write, key, value, outcome, outcome == Outcome.Ok ? new Observation(node, Clock(clock), value) : null);

    public Operation Delete(int session, string node, string key, string clock) =>
        Add(session, node, OpKind.Delete, key, null, Outcome.Ok, new Observation(node, Clock(clock), null));

    /// <summary>An ok read at <paramref name="node"/> that returned <paramref name="source"/>'s version (null: absent).</summary>
    public Operation Read(int session, string node, string key, Operation? source) =>
        Add(session, node, OpKind.Read, key, null, Outcome.Ok, source?.Result);

    /// <summary>An ok batch read at <paramref name="node"/>: one read per key, each returning its source's version (null: absent).</summary>
    public IReadOnlyList<Operation> BatchRead(int session, string node, params (string Key, Operation? Source)[] keys)
    {
        var first = _operations.Count;
        foreach (var (key, source) in keys)
        {
            var read = Add(session, node, OpKind.Read, key, null, Outcome.Ok, source?.Result);
            _operations[read.Index] = read with { Batch = first };
        }

        return _operations[first..];
    }

    /// <summary>
    /// An acknowledged multi-key write at <paramref name="node"/> with <paramref name="clock"/>: one write or delete (value
    /// null) per key, sharing the batch's first index and one identity.
    /// </summary>
    public IReadOnlyList<Operation> BatchWrite(int session, string node, string clock, params (string Key, string? Value)[] changes)
    {
        var first = _operations.Count;
        foreach (var (key, value) in changes)
        {
            var write = Add(session, node, value is null ? OpKind.Delete : OpKind.Write, key, value, Outcome.Ok, new Observation(node, Clock(clock), value));
            _operations[write.Index] = write with { Batch = first };
        }

        return _operations[first..];
    }

    /// <summary>An ok read that returned exactly <paramref name="observed"/>.</summary>
    public Operation ReadObserved(int session, string node, string key, Observation observed) =>
        Add(session, node, OpKind.Read, key, null, Outcome.Ok, observed);

    /// <summary>Every node ends with the pointwise maximum clock and <paramref name="winners"/> as the keys' versions.</summary>
    public RunHistory Converged(params Operation[] winners) => Build(Final(["kv1", "kv2", "kv3"], winners));

    public RunHistory Build(IReadOnlyDictionary<string, NodeFinalState> final, TimeSpan? convergedAfter = null) =>
        new(Seed: 7, _operations, _faults, final, convergedAfter ?? TimeSpan.FromMilliseconds(40));

    /// <summary>A fault, recorded after the operations so far.</summary>
    public void Fault(string kind, string description) =>
        _faults.Add(new FaultEvent(TimeSpan.FromMilliseconds(10 * _operations.Count), kind, description));

    /// <summary>An acknowledged write whose origin is the clock entry <paramref name="origin"/> (an incarnation such as kv1.2).</summary>
    public Operation WriteAs(int session, string node, string origin, string key, string value, string clock) =>
        Add(session, node, OpKind.Write, key, value, Outcome.Ok, new Observation(origin, Clock(clock), value));

    public Dictionary<string, NodeFinalState> Final(IEnumerable<string> nodes, params Operation[] winners)
    {
        var clock = _operations.Where(o => o is { IsWrite: true, Outcome: Outcome.Ok })
            .SelectMany(o => o.Result!.Clock)
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.Max(e => e.Value));
        var keys = winners.ToDictionary(w => w.Key, w => w.Result);
        return nodes.ToDictionary(n => n, _ => new NodeFinalState(clock, 0, keys));
    }

    /// <summary>Parses <c>"kv1:2,kv2:1"</c>.</summary>
    public static Dictionary<string, long> Clock(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split(':'))
            .ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

    private Operation Add(int session, string node, OpKind kind, string key, string? value, Outcome outcome, Observation? result)
    {
        var at = TimeSpan.FromMilliseconds(10 * _operations.Count);
        var operation = new Operation(_operations.Count, session, node, kind, key, value, outcome, result, at, at + TimeSpan.FromMilliseconds(5));
        _operations.Add(operation);
        return operation;
    }
}
