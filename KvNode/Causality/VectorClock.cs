using System.Text.Json.Serialization;

namespace GridAspire.KvNode.Causality;

/// <summary>
/// An immutable vector clock: for each node id, how many of that node's writes are in the causal past.
/// Missing entries are zero, so clocks of clusters that grew still compare correctly.
/// </summary>
[JsonConverter(typeof(VectorClockJsonConverter))]
public sealed class VectorClock : IEquatable<VectorClock>
{
    // Never mutated after construction.
    private readonly Dictionary<string, long> _entries;

    /// <summary>The clock of the empty causal past.</summary>
    public static VectorClock Empty { get; } = new(new Dictionary<string, long>(StringComparer.Ordinal));

    private VectorClock(Dictionary<string, long> entries) => _entries = entries;

    /// <summary>Creates a clock from entries; zero entries are dropped, negative ones are rejected.</summary>
    public static VectorClock From(IEnumerable<KeyValuePair<string, long>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (node, counter) in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(node);
            ArgumentOutOfRangeException.ThrowIfNegative(counter);
            if (counter > 0)
            {
                map[node] = counter;
            }
        }

        return map.Count == 0 ? Empty : new VectorClock(map);
    }

    /// <summary>The non-zero entries, in node-id order.</summary>
    public IEnumerable<KeyValuePair<string, long>> Entries => _entries.OrderBy(e => e.Key, StringComparer.Ordinal);

    /// <summary>The counter of <paramref name="node"/>; zero when absent.</summary>
    public long this[string node] => _entries.GetValueOrDefault(node);

    /// <summary>The node ids with a non-zero counter.</summary>
    public IEnumerable<string> Nodes => _entries.Keys;

    /// <summary>This clock with <paramref name="node"/>'s counter set to <paramref name="counter"/>.</summary>
    public VectorClock With(string node, long counter) =>
        From(_entries.Where(e => e.Key != node).Append(new KeyValuePair<string, long>(node, counter)));

    /// <summary>The pointwise maximum: the causal past of both.</summary>
    public VectorClock Merge(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Covers(other))
        {
            return this;
        }

        if (other.Covers(this))
        {
            return other;
        }

        return From(_entries.Keys.Union(other._entries.Keys)
            .Select(n => new KeyValuePair<string, long>(n, Math.Max(this[n], other[n]))));
    }

    /// <summary>True when every counter here is at least the other's: this past includes the other's.</summary>
    public bool Covers(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (node, counter) in other._entries)
        {
            if (this[node] < counter)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares under happens-before.</summary>
    public ClockOrder CompareTo(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var coversOther = Covers(other);
        var coveredByOther = other.Covers(this);
        return (coversOther, coveredByOther) switch
        {
            (true, true) => ClockOrder.Equal,
            (true, false) => ClockOrder.After,
            (false, true) => ClockOrder.Before,
            _ => ClockOrder.Concurrent,
        };
    }

    /// <summary>True when this clock happened strictly before <paramref name="other"/>.</summary>
    public bool HappenedBefore(VectorClock other) => CompareTo(other) == ClockOrder.Before;

    /// <summary>True when neither clock happened before the other.</summary>
    public bool IsConcurrentWith(VectorClock other) => CompareTo(other) == ClockOrder.Concurrent;

    /// <inheritdoc/>
    public bool Equals(VectorClock? other) =>
        other is not null && _entries.Count == other._entries.Count && Covers(other) && other.Covers(this);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VectorClock);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (node, counter) in _entries)
        {
            hash ^= HashCode.Combine(node, counter);
        }

        return hash;
    }

    /// <summary>A compact form such as <c>{kv1:3, kv2:1}</c> for logs.</summary>
    public override string ToString() => "{" + string.Join(", ", Entries.Select(e => $"{e.Key}:{e.Value}")) + "}";
}
