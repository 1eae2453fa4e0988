namespace GridAspire.KvNode.Chaos.History;

/// <summary>Prints a vector clock the way the nodes' logs do: <c>{kv1:3,kv2:1}</c>.</summary>
public static class ClockText
{
    /// <summary>The clock with its entries in node order.</summary>
    public static string Show(IReadOnlyDictionary<string, long> clock) =>
        "{" + string.Join(",", clock.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}:{e.Value}")) + "}";
}
