namespace GridAspire.Contracts.Kv;

/// <summary>Body of <c>GET /status</c>: the node's causal state. Peers read it too (a starting node asks what they hold).</summary>
/// <param name="Node">This node's id.</param>
/// <param name="Clock">Delivered vector clock.</param>
/// <param name="Buffered">How many writes wait for their causal past.</param>
/// <param name="BufferedMessages">Those writes.</param>
/// <param name="Peers">Replication state per peer.</param>
/// <param name="OwnWrites">Sequence number of this node's newest own write.</param>
/// <param name="Keys">Keys held, tombstones included.</param>
/// <param name="RecentDeliveries">The latest peer writes delivered here, in delivery order.</param>
/// <param name="JournalWaiting">Log records appended and not yet on disk (writes waiting to be acknowledged).</param>
/// <param name="Tombstones">Keys held as deletes until causally stable, then forgotten.</param>
/// <param name="Writer">The clock entry this node's writes go under: its id, or <c>id.N</c> after it rejoined from a lost disk.</param>
/// <param name="Incarnations">The newest incarnation of each node known here (1 for a node that never lost its disk).</param>
/// <param name="WritesRefused">Why client writes are refused (starting, rejoining, failed disk, removed); null while they are accepted.</param>
/// <param name="OwnWritesKept">Own writes kept because some member has not acknowledged them yet (memory and log a dead member costs until removed).</param>
/// <param name="Removed">Members removed from the cluster for good (null: none).</param>
public sealed record StatusResponse(
    string Node,
    VectorClock Clock,
    int Buffered,
    IReadOnlyList<BufferedMessage> BufferedMessages,
    IReadOnlyDictionary<string, PeerStatus> Peers,
    long OwnWrites,
    int Keys,
    IReadOnlyList<BufferedMessage> RecentDeliveries,
    long JournalWaiting = 0,
    int Tombstones = 0,
    string? Writer = null,
    IReadOnlyDictionary<string, int>? Incarnations = null,
    string? WritesRefused = null,
    long OwnWritesKept = 0,
    IReadOnlyList<string>? Removed = null);

/// <summary>A peer's write: waiting in the delivery buffer, or recently delivered.</summary>
/// <param name="Origin">The node that made it.</param>
/// <param name="Clock">Its vector clock.</param>
/// <param name="Key">The key it writes.</param>
public sealed record BufferedMessage(string Origin, VectorClock Clock, string Key);

/// <summary>Replication of this node's writes to one peer.</summary>
/// <param name="Acked">Highest own write the peer has delivered.</param>
/// <param name="Pending">Own writes the peer has not yet acknowledged.</param>
/// <param name="Reachable">False after a failed send until one succeeds.</param>
/// <param name="Held">True while fault injection holds the link.</param>
/// <param name="Problem">Why the last send failed (unreachable, or refused and why); null while sends succeed.</param>
public sealed record PeerStatus(long Acked, long Pending, bool Reachable, bool Held, string? Problem = null);
