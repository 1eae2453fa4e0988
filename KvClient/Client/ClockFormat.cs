namespace GridAspire.KvClient.Client;

/// <summary>Clock helpers for display and comparison on the client side.</summary>
public static class ClockFormat
{
    /// <summary>Formats a clock as <c>{kv1:1, kv2:0}</c>.</summary>
    public static string Show(IReadOnlyDictionary<string, long> clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return "{" + string.Join(", ", clock.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}:{e.Value}")) + "}";
    }

    /// <summary>True when <paramref name="clock"/> has every counter of <paramref name="other"/> or more.</summary>
    public static bool Covers(IReadOnlyDictionary<string, long> clock, IReadOnlyDictionary<string, long> other)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(other);
        return other.All(e => clock.GetValueOrDefault(e.Key) >= e.Value);
    }

    /// <summary>True when the two clocks are the same causal past.</summary>
    public static bool Same(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        Covers(a, b) && Covers(b, a);
}
