using GridAspire.Contracts.Kv;

namespace GridAspire.KvNode.Chaos.History;

/// <summary>
/// Vector clocks as the history keeps them: plain maps of node id to counter. The checker compares them with its own
/// few lines (<see cref="Checking.CausalPast"/>), never with the nodes' <see cref="VectorClock"/>: the code under test
/// must not be the judge of its own answers.
/// </summary>
public static class ClockText
{
    /// <summary>A clock read off the wire, as the history keeps it.</summary>
    public static IReadOnlyDictionary<string, long> Plain(VectorClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.Entries.ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>True when the two clocks are the same causal past.</summary>
    public static bool Same(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Count == b.Count && a.All(e => b.GetValueOrDefault(e.Key) == e.Value);
    }

    /// <summary>The clock with its entries in node order.</summary>
    public static string Show(IReadOnlyDictionary<string, long> clock) =>
        "{" + string.Join(",", clock.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}:{e.Value}")) + "}";
}
