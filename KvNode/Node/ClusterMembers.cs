namespace GridAspire.KvNode.Node;

/// <summary>
/// The members this node replicates with: the initial ones (<c>Kv:Peers</c> and itself) less those removed for good.
/// Removal is one-way and a member is named once, so membership only shrinks: two removals made at different members at
/// the same time merge to the same set everywhere (a union), whatever order they arrive in. Changed under the node's
/// lock; <see cref="Peers"/> and <see cref="Removed"/> are replaced whole on a change, so they are read without it.
/// </summary>
public sealed class ClusterMembers
{
    private readonly string _self;
    private IReadOnlySet<string> _removed = new HashSet<string>(StringComparer.Ordinal);
    private IReadOnlyList<string> _peers;
    private IReadOnlyList<string>? _removedList;

    /// <summary>Starts with every one of <paramref name="initial"/> a member.</summary>
    public ClusterMembers(string self, IReadOnlySet<string> initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _self = self;
        Initial = initial;
        _peers = [.. initial.Where(m => m != self).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every node id the cluster ever had, removed ones included: clock entries may name any of them.</summary>
    public IReadOnlySet<string> Initial { get; }

    /// <summary>Every other member still in the cluster: the nodes whose acknowledgements and clocks count.</summary>
    public IReadOnlyList<string> Peers => Volatile.Read(ref _peers);

    /// <summary>The members removed for good.</summary>
    public IReadOnlySet<string> Removed => Volatile.Read(ref _removed);

    /// <summary>The removed members as a list, null while there are none: what every replication frame passes on.</summary>
    public IReadOnlyList<string>? RemovedList => Volatile.Read(ref _removedList);

    /// <summary>True once this node itself was removed: it must take no more writes.</summary>
    public bool SelfRemoved => Removed.Contains(_self);

    /// <summary>True when <paramref name="member"/> was removed.</summary>
    public bool IsRemoved(string member) => Removed.Contains(member);

    /// <summary>
    /// Removes <paramref name="member"/> for good; false when it already was. Throws for an id the cluster never had:
    /// callers check with <see cref="Initial"/> first.
    /// </summary>
    public bool Remove(string member)
    {
        if (!Initial.Contains(member))
        {
            throw new ArgumentException($"'{member}' is not a member of this cluster.", nameof(member));
        }

        if (Removed.Contains(member))
        {
            return false;
        }

        var removed = new HashSet<string>(Removed.Append(member), StringComparer.Ordinal);
        Volatile.Write(ref _removed, removed);
        Volatile.Write(ref _removedList, [.. removed.Order(StringComparer.Ordinal)]);
        Volatile.Write(ref _peers, [.. Peers.Where(p => p != member)]);
        return true;
    }
}
