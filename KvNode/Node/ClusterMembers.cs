namespace GridAspire.KvNode.Node;

/// <summary>
/// The members this node replicates with: those configured (<c>Kv:Peers</c> and itself) and those that joined since,
/// less those removed for good. Both changes only ever add to a set (a member joins once, is removed once, and its id
/// is never used again), so wherever and in whatever order they arrive, every node ends with the same members. Changed
/// under the node's lock; every view is replaced whole on a change, so it is read without it.
/// </summary>
public sealed class ClusterMembers
{
    private readonly string _self;
    private IReadOnlyDictionary<string, Uri?> _addresses;
    private IReadOnlySet<string> _known;
    private IReadOnlySet<string> _removed = new HashSet<string>(StringComparer.Ordinal);
    private IReadOnlyList<string> _peers;
    private IReadOnlyList<string>? _removedList;
    private IReadOnlyDictionary<string, Uri>? _joined;

    /// <summary>Starts with this node and <paramref name="configured"/> (its peers by id and address) as members.</summary>
    public ClusterMembers(string self, IReadOnlyDictionary<string, Uri> configured, Uri? advertised = null)
    {
        ArgumentNullException.ThrowIfNull(configured);
        _self = self;
        var addresses = configured.Where(p => p.Key != self).ToDictionary(p => p.Key, p => (Uri?)p.Value, StringComparer.Ordinal);
        addresses[self] = advertised ?? configured.GetValueOrDefault(self);
        _addresses = addresses;
        _known = addresses.Keys.ToHashSet(StringComparer.Ordinal);
        _peers = [.. _known.Where(m => m != self).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every node id the cluster ever had, removed ones included: clock entries may name any of them.</summary>
    public IReadOnlySet<string> Known => Volatile.Read(ref _known);

    /// <summary>Where each known member serves (null when not known, e.g. this node without an advertised URL).</summary>
    public IReadOnlyDictionary<string, Uri?> Addresses => Volatile.Read(ref _addresses);

    /// <summary>Every other member still in the cluster: the nodes whose acknowledgements and clocks count.</summary>
    public IReadOnlyList<string> Peers => Volatile.Read(ref _peers);

    /// <summary>The members removed for good.</summary>
    public IReadOnlySet<string> Removed => Volatile.Read(ref _removed);

    /// <summary>The removed members as a list, null while there are none: what every replication frame passes on.</summary>
    public IReadOnlyList<string>? RemovedList => Volatile.Read(ref _removedList);

    /// <summary>The members that joined after the configured ones, by id, null while none did: what every frame passes on.</summary>
    public IReadOnlyDictionary<string, Uri>? Joined => Volatile.Read(ref _joined);

    /// <summary>True once this node itself was removed (or left): it must take no more writes.</summary>
    public bool SelfRemoved => Removed.Contains(_self);

    /// <summary>Why a node that left, or was removed, takes no writes.</summary>
    public const string NoLongerMember = "this node is no longer a member of the cluster (it left, or was removed); a node that replaces it needs a new id";

    /// <summary>Throws <see cref="WritesClosedException"/> once this node left or was removed (under the node's lock, before a write).</summary>
    public void ThrowIfSelfRemoved()
    {
        if (SelfRemoved)
        {
            throw new WritesClosedException(NoLongerMember);
        }
    }

    /// <summary>True when <paramref name="member"/> was removed.</summary>
    public bool IsRemoved(string member) => Removed.Contains(member);

    /// <summary>Adds <paramref name="member"/>, serving at <paramref name="address"/>; false when it is already known (joined, configured or removed).</summary>
    public bool Add(string member, Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Known.Contains(member))
        {
            return false;
        }

        Volatile.Write(ref _addresses, new Dictionary<string, Uri?>(Addresses, StringComparer.Ordinal) { [member] = address });
        Volatile.Write(ref _joined, new Dictionary<string, Uri>(Joined ?? new Dictionary<string, Uri>(), StringComparer.Ordinal) { [member] = address });
        Volatile.Write(ref _known, new HashSet<string>(Known.Append(member), StringComparer.Ordinal));
        Volatile.Write(ref _peers, [.. Peers.Append(member).Order(StringComparer.Ordinal)]);
        return true;
    }

    /// <summary>
    /// Removes <paramref name="member"/> for good; false when it already was. Throws for an id the cluster never had:
    /// callers check with <see cref="Known"/> first.
    /// </summary>
    public bool Remove(string member)
    {
        if (!Known.Contains(member))
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
