namespace GridAspire.KvClient.Client;

/// <summary>Body of a node's <c>GET /status</c>.</summary>
public sealed record NodeStatus(
    string Node,
    IReadOnlyDictionary<string, long> Clock,
    int Buffered,
    IReadOnlyList<WriteSummary> BufferedMessages,
    IReadOnlyDictionary<string, PeerState> Peers,
    long OwnWrites,
    int Keys,
    IReadOnlyList<WriteSummary> RecentDeliveries,
    long JournalWaiting = 0,
    string? Writer = null,
    string? WritesRefused = null);

/// <summary>A peer's write, buffered or recently delivered.</summary>
public sealed record WriteSummary(string Origin, IReadOnlyDictionary<string, long> Clock, string Key);

/// <summary>Replication of a node's writes to one peer.</summary>
public sealed record PeerState(long Acked, long Pending, bool Reachable, bool Held, string? Problem = null);
