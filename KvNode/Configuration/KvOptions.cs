using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Configuration;

/// <summary>Configuration of one KV node (section <c>Kv</c>).</summary>
public sealed partial record KvOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Kv";

    /// <summary>What a node id is: 1-32 of [a-z0-9-], not starting with '-' (and never a '.', which separates incarnations).</summary>
    public const string NodeIdPattern = "^[a-z0-9][a-z0-9-]{0,31}$";

    /// <summary>True when <paramref name="id"/> is a well-formed node id (<see cref="NodeIdPattern"/>).</summary>
    public static bool IsNodeId(string id) => NodeIdRegex().IsMatch(id);

    /// <summary>This node's id, e.g. <c>kv1</c>; an entry of every vector clock.</summary>
    /// <remarks>Settable (not init) for one reason: a node that joins through its listed peers runs under an id kept in its
    /// data directory, decided once the options are bound (see <see cref="NodeIdentity"/>).</remarks>
    [Required(ErrorMessage = "Kv:NodeId is required, e.g. kv1.")]
    [RegularExpression(NodeIdPattern, ErrorMessage = "Kv:NodeId must be 1-32 of [a-z0-9-], e.g. kv1.")]
    public string NodeId { get; set; } = "";

    /// <summary>
    /// The nodes of the cluster: id to base URL. It may list this node too (handy when every replica of a
    /// StatefulSet or compose file gets the same list); its own entry is ignored.
    /// </summary>
    public Dictionary<string, Uri> Peers { get; init; } = [];

    /// <summary>
    /// A member to ask to join through, for a node started without <see cref="Peers"/> to add it to a running cluster:
    /// every member learns it, it takes the cluster's state, and only then takes writes. Ignored once the node is a
    /// member (its data directory remembers the members).
    /// </summary>
    public Uri? Join { get; init; }

    /// <summary>Where the other members reach this node; required with <see cref="Join"/> and <see cref="JoinWhenUnlisted"/>.</summary>
    public Uri? AdvertisedUrl { get; init; }

    /// <summary>
    /// For a StatefulSet that scales: every pod gets the same <see cref="Peers"/> (the first ones, the cluster's
    /// initial members), and a pod whose name is not among them joins through them (the first that answers) instead of
    /// being an initial member. Its id is then its name plus a suffix made once per data directory (see
    /// <see cref="NodeIdentity"/>), so a pod started again under the name of one that left is a new node: an id is never
    /// used twice.
    /// </summary>
    public bool JoinWhenUnlisted { get; init; }

    /// <summary>True when this node joins through <see cref="Peers"/> (<see cref="JoinWhenUnlisted"/>, and it is not listed).</summary>
    public bool JoinsThroughPeers => JoinWhenUnlisted && Peers.Count > 0 && !Peers.ContainsKey(NodeId);

    /// <summary>The members this node starts with: <see cref="Peers"/>, or none when it joins through them.</summary>
    public IReadOnlyDictionary<string, Uri> InitialPeers => JoinsThroughPeers ? new Dictionary<string, Uri>() : Peers;

    /// <summary>The members to ask to join through, in turn: <see cref="Join"/>, or the listed peers; empty for an initial member.</summary>
    public IReadOnlyList<Uri> JoinSeeds => Join is { } join ? [join] : JoinsThroughPeers ? [.. Peers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)] : [];


    /// <summary>Shared secret that replication and admin calls must present as a bearer token.</summary>
    [Required(ErrorMessage = "Kv:ClusterKey is required (the shared secret of replication and admin calls).")]
    [MinLength(16, ErrorMessage = "Kv:ClusterKey must be at least 16 characters.")]
    public string ClusterKey { get; init; } = "";

    /// <summary>Enables the fault-injection endpoints under <c>/admin/links</c>.</summary>
    public bool ChaosEnabled { get; init; }

    /// <summary>How long a request carrying a causal context waits for this node to catch up before a 409.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ContextWaitTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Directory of the write-ahead log and snapshots. Unset: the node keeps nothing across restarts (fine for tests
    /// and demos; a restarted node then starts empty and checks its peers before accepting writes).
    /// </summary>
    public string? DataDir { get; init; }

    /// <summary>Fsync policy and compaction.</summary>
    [ValidateObjectMembers]
    public DurabilityOptions Durability { get; init; } = new();

    /// <summary>
    /// Most writes held in the delivery buffer. Beyond it a write is neither buffered nor acknowledged: its origin
    /// re-sends it later, so nothing is lost and memory stays bounded while a dependency is missing.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxBufferedWrites { get; init; } = 100_000;

    /// <summary>
    /// How long a delete's tombstone is kept at least, even once causally stable: until then a read of the key names
    /// the delete that removed it (404 with its origin and clock); afterwards the key reads as never written. Memory
    /// held by deletes is bounded by the delete rate times this (plus the time to stability).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan TombstoneGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The event stream that the causality explorer draws.</summary>
    [ValidateObjectMembers]
    public EventsOptions Events { get; init; } = new();

    /// <summary>Replication tuning.</summary>
    [ValidateObjectMembers]
    public ReplicationOptions Replication { get; init; } = new();

    // Compiled once: every replication frame of a cluster that ever had a join checks the ids it carries.
    [GeneratedRegex(NodeIdPattern)]
    private static partial Regex NodeIdRegex();
}
