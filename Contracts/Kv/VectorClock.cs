using System.Text.Json.Serialization;

namespace GridAspire.Contracts.Kv;

/// <summary>
/// An immutable vector clock: for each node id, how many of that node's writes are in the causal past.
/// Missing entries are zero, so clocks of clusters that grew still compare correctly.
/// </summary>
/// <remarks>
/// Entries are two arrays sorted by node id (ordinal): a clock has a handful of entries, so a linear walk beats a hash
/// table, comparisons are one merge-walk, and every stored version costs two small arrays instead of a dictionary.
/// </remarks>
[JsonConverter(typeof(VectorClockJsonConverter))]
public sealed class VectorClock : IEquatable<VectorClock>
{
    // Never mutated after construction; sorted by node id, counters all positive.
    private readonly string[] _nodes;
    private readonly long[] _counters;

    /// <summary>The clock of the empty causal past.</summary>
    public static VectorClock Empty { get; } = new([], []);

    private VectorClock(string[] nodes, long[] counters)
    {
        _nodes = nodes;
        _counters = counters;
    }

    /// <summary>Creates a clock from entries; zero entries are dropped, negative ones are rejected, a repeated id keeps the last.</summary>
    public static VectorClock From(IEnumerable<KeyValuePair<string, long>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (node, counter) in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(node);
            ArgumentOutOfRangeException.ThrowIfNegative(counter);
            sorted[node] = counter;
        }

        var count = sorted.Count(e => e.Value > 0);
        if (count == 0)
        {
            return Empty;
        }

        var nodes = new string[count];
        var counters = new long[count];
        var i = 0;
        foreach (var (node, counter) in sorted)
        {
            if (counter > 0)
            {
                nodes[i] = node;
                counters[i++] = counter;
            }
        }

        return new VectorClock(NodeIds.InternSet(nodes), counters);
    }

    /// <summary>
    /// Creates a clock from parallel lists, typically read off the wire in the order <see cref="Entries"/> writes them;
    /// any other order, repeated ids and zero counters are handled by <see cref="From(IEnumerable{KeyValuePair{string, long}})"/>.
    /// </summary>
    public static VectorClock From(IReadOnlyList<string> nodes, IReadOnlyList<long> counters)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(counters);
        if (nodes.Count != counters.Count)
        {
            throw new ArgumentException("Every node needs one counter.", nameof(counters));
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            ArgumentException.ThrowIfNullOrEmpty(nodes[i]);
            ArgumentOutOfRangeException.ThrowIfNegative(counters[i]);
            if (counters[i] == 0 || (i > 0 && string.CompareOrdinal(nodes[i - 1], nodes[i]) >= 0))
            {
                return From(nodes.Select((node, k) => KeyValuePair.Create(node, counters[k])));
            }
        }

        return nodes.Count == 0 ? Empty : new VectorClock(NodeIds.InternSet(nodes), [.. counters]);
    }

    /// <summary>The non-zero entries, in node-id order.</summary>
    public IEnumerable<KeyValuePair<string, long>> Entries
    {
        get
        {
            for (var i = 0; i < _nodes.Length; i++)
            {
                yield return KeyValuePair.Create(_nodes[i], _counters[i]);
            }
        }
    }

    /// <summary>True for the clock of the empty causal past.</summary>
    public bool IsEmpty => _nodes.Length == 0;

    /// <summary>Number of non-zero entries.</summary>
    public int Count => _nodes.Length;

    /// <summary>The counter of <paramref name="node"/>; zero when absent.</summary>
    public long this[string node]
    {
        get
        {
            var i = IndexOf(node);
            return i >= 0 ? _counters[i] : 0;
        }
    }

    /// <summary>The node ids with a non-zero counter, in order.</summary>
    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>The node id of entry <paramref name="index"/> (entries are in node-id order).</summary>
    public string NodeAt(int index) => _nodes[index];

    /// <summary>The counter of entry <paramref name="index"/>.</summary>
    public long CounterAt(int index) => _counters[index];

    /// <summary>This clock with <paramref name="node"/>'s counter set to <paramref name="counter"/>.</summary>
    public VectorClock With(string node, long counter)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        var i = IndexOf(node);
        if (i >= 0)
        {
            if (counter == 0)
            {
                return From(Entries.Where(e => e.Key != node));
            }

            var counters = (long[])_counters.Clone();
            counters[i] = counter;
            return new VectorClock(_nodes, counters);
        }

        if (counter == 0)
        {
            return this;
        }

        var at = ~i;
        var nodes = new string[_nodes.Length + 1];
        var grown = new long[_nodes.Length + 1];
        Array.Copy(_nodes, nodes, at);
        Array.Copy(_counters, grown, at);
        nodes[at] = node;
        grown[at] = counter;
        Array.Copy(_nodes, at, nodes, at + 1, _nodes.Length - at);
        Array.Copy(_counters, at, grown, at + 1, _nodes.Length - at);
        return new VectorClock(NodeIds.InternSet(nodes), grown);
    }

    /// <summary>This clock without the entries of <paramref name="nodes"/> (pruned entries of retired incarnations).</summary>
    public VectorClock Without(IReadOnlySet<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var kept = 0;
        foreach (var node in _nodes)
        {
            kept += nodes.Contains(node) ? 0 : 1;
        }

        if (kept == _nodes.Length)
        {
            return this;
        }

        var keptNodes = new string[kept];
        var keptCounters = new long[kept];
        for (int i = 0, k = 0; i < _nodes.Length; i++)
        {
            if (!nodes.Contains(_nodes[i]))
            {
                keptNodes[k] = _nodes[i];
                keptCounters[k++] = _counters[i];
            }
        }

        return kept == 0 ? Empty : new VectorClock(NodeIds.InternSet(keptNodes), keptCounters);
    }

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

        var nodes = new List<string>(_nodes.Length + other._nodes.Length);
        var counters = new List<long>(nodes.Capacity);
        int i = 0, j = 0;
        while (i < _nodes.Length || j < other._nodes.Length)
        {
            var order = i == _nodes.Length ? 1 : j == other._nodes.Length ? -1 : string.CompareOrdinal(_nodes[i], other._nodes[j]);
            nodes.Add(order <= 0 ? _nodes[i] : other._nodes[j]);
            counters.Add(order < 0 ? _counters[i++] : order > 0 ? other._counters[j++] : Math.Max(_counters[i++], other._counters[j++]));
        }

        return new VectorClock(NodeIds.InternSet(nodes), [.. counters]);
    }

    /// <summary>True when every counter here is at least the other's: this past includes the other's.</summary>
    public bool Covers(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var i = 0;
        for (var j = 0; j < other._nodes.Length; j++)
        {
            while (i < _nodes.Length && string.CompareOrdinal(_nodes[i], other._nodes[j]) < 0)
            {
                i++;
            }

            if (i == _nodes.Length || !string.Equals(_nodes[i], other._nodes[j], StringComparison.Ordinal) || _counters[i] < other._counters[j])
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
        other is not null && _nodes.Length == other._nodes.Length && Covers(other) && other.Covers(this);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VectorClock);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < _nodes.Length; i++)
        {
            hash.Add(_nodes[i], StringComparer.Ordinal);
            hash.Add(_counters[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>A compact form such as <c>{kv1:3, kv2:1}</c> for logs.</summary>
    public override string ToString() => "{" + string.Join(", ", Entries.Select(e => $"{e.Key}:{e.Value}")) + "}";

    private int IndexOf(string node)
    {
        // Few entries: a linear scan in order; the complement of the insertion point when absent.
        for (var i = 0; i < _nodes.Length; i++)
        {
            var order = string.CompareOrdinal(_nodes[i], node);
            if (order == 0)
            {
                return i;
            }

            if (order > 0)
            {
                return ~i;
            }
        }

        return ~_nodes.Length;
    }
}
