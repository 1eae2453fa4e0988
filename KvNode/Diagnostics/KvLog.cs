namespace GridAspire.KvNode.Diagnostics;

/// <summary>Source-generated log messages of the KV node.</summary>
internal static partial class KvLog
{
    [LoggerMessage(1, LogLevel.Information, "Write {Key} at {Node} with clock {Clock} ({Operation})")]
    public static partial void LocalWrite(ILogger logger, string key, string node, VectorClock clock, string operation);

    [LoggerMessage(2, LogLevel.Information, "Delivered {Key} from {Origin} with clock {Clock}; local clock now {Local}")]
    public static partial void Delivered(ILogger logger, string key, string origin, VectorClock clock, VectorClock local);

    [LoggerMessage(3, LogLevel.Information, "Buffered {Key} from {Origin} with clock {Clock}: local clock {Local} lacks its causal past")]
    public static partial void Buffered(ILogger logger, string key, string origin, VectorClock clock, VectorClock local);

    [LoggerMessage(5, LogLevel.Warning, "Rejected replication batch from {From}: {Reason}")]
    public static partial void RejectedBatch(ILogger logger, string from, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Peer {Peer} unreachable, retrying in {Backoff}: {Error}")]
    public static partial void PeerUnreachable(ILogger logger, string peer, TimeSpan backoff, string error);

    [LoggerMessage(7, LogLevel.Information, "Peer {Peer} reachable again, acknowledged up to {Acked}")]
    public static partial void PeerRecovered(ILogger logger, string peer, long acked);

    [LoggerMessage(8, LogLevel.Information, "Link to {Peer}: {Change}")]
    public static partial void LinkChanged(ILogger logger, string peer, string change);

    [LoggerMessage(19, LogLevel.Warning, "Disk {Change} by fault injection")]
    public static partial void DiskChanged(ILogger logger, string change);

    [LoggerMessage(9, LogLevel.Debug, "Chaos dropped a batch of {Count} writes to {Peer}")]
    public static partial void ChaosDropped(ILogger logger, string peer, int count);

    [LoggerMessage(11, LogLevel.Warning, "Cut a torn last record ({Bytes} bytes) off {Path}: a crash interrupted an append")]
    public static partial void TornRecordTruncated(ILogger logger, string path, long bytes);

    [LoggerMessage(12, LogLevel.Warning, "{Node} started without data but peers know its incarnation {Known}: it rejoins as {Incarnation}, so no (node, counter) pair is reused; writes it acknowledged that never left its disk are lost")]
    public static partial void LostOwnWrites(ILogger logger, string node, int known, string incarnation);

    [LoggerMessage(23, LogLevel.Warning, "{Node} rejoined as {Incarnation} with the state of {Peer} ({Writes} versions, clock {Clock})")]
    public static partial void Rejoined(ILogger logger, string node, string incarnation, string peer, int writes, VectorClock clock);

    [LoggerMessage(24, LogLevel.Warning, "Peer {Peer} lost its disk and rejoined as {Incarnation}: its acknowledgements start again from zero")]
    public static partial void PeerRejoined(ILogger logger, string peer, string incarnation);

    [LoggerMessage(25, LogLevel.Information, "{Node} took {Writes} versions of retired incarnations from {Peer}'s state (clock now {Clock})")]
    public static partial void CaughtUp(ILogger logger, string node, int writes, string peer, VectorClock clock);

    [LoggerMessage(26, LogLevel.Information, "Request needs {Needed} at {Node}, which can never be delivered: {Reason}; answering 410")]
    public static partial void ContextLost(ILogger logger, VectorClock needed, string node, string reason);

    [LoggerMessage(13, LogLevel.Information, "{Node} accepts writes ({How})")]
    public static partial void WritesAllowed(ILogger logger, string node, string how);

    [LoggerMessage(14, LogLevel.Warning, "{Node}'s delivery buffer is full ({Max} writes): turned away {Count} from {From}; they will be re-sent")]
    public static partial void BufferFull(ILogger logger, string node, int max, int count, string from);

    [LoggerMessage(15, LogLevel.Information, "Compacted {Records} log records into {Path} ({Bytes} bytes in {Duration})")]
    public static partial void SnapshotWritten(ILogger logger, long records, string path, long bytes, TimeSpan duration);

    [LoggerMessage(16, LogLevel.Critical, "The write-ahead log {Path} failed: this node acknowledges no more writes until it is restarted")]
    public static partial void JournalFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(17, LogLevel.Error, "Writing a snapshot in {Directory} failed; the log is kept and compaction will be tried again")]
    public static partial void SnapshotFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(18, LogLevel.Error, "Peer {Peer} refuses replication: {Problem}")]
    public static partial void PeerRefused(ILogger logger, string peer, string problem);

    [LoggerMessage(10, LogLevel.Information, "Request needs clock {Needed} but {Node} has {Local} after waiting {Timeout}: answering 409")]
    public static partial void ContextTimeout(ILogger logger, VectorClock needed, string node, VectorClock local, TimeSpan timeout);

    // Debug: under a delete-heavy load this happens many times a second and is counted by kv.tombstones.reaped.
    [LoggerMessage(20, LogLevel.Debug, "{Node} forgot {Count} causally stable tombstones")]
    public static partial void TombstonesReaped(ILogger logger, string node, int count);

    [LoggerMessage(21, LogLevel.Information, "A watcher subscribed to {Node}'s events ({Watchers} watching)")]
    public static partial void WatcherConnected(ILogger logger, string node, int watchers);

    [LoggerMessage(22, LogLevel.Information, "A watcher left {Node}'s events ({Watchers} watching)")]
    public static partial void WatcherDisconnected(ILogger logger, string node, int watchers);

    [LoggerMessage(27, LogLevel.Warning, "Dropped the buffered write of {Key} from {Origin} with clock {Clock} at {Node}: it waits for an earlier write of {Origin}, which lost its disk, and every node (last {ReportedBy}) has reported that no one has it")]
    public static partial void DiscardedUnreachable(ILogger logger, string key, string origin, VectorClock clock, string node, string reportedBy);

    [LoggerMessage(28, LogLevel.Warning, "{Node} removed member {Member} for good ({Source}): {Trimmed} own writes only it lacked trimmed, {Reaped} tombstones forgotten, {Discarded} buffered writes dropped")]
    public static partial void MemberRemoved(ILogger logger, string node, string member, string source, int trimmed, int reaped, int discarded);

    [LoggerMessage(29, LogLevel.Critical, "{Node} was removed from the cluster ({Source}): it takes no more writes and replicates nothing; a node that replaces it needs a new id and an empty data directory")]
    public static partial void SelfRemoved(ILogger logger, string node, string source);

    [LoggerMessage(30, LogLevel.Warning, "Could not tell {Peer} of the change to member {Member}: {Problem}; it learns on its next replication exchange")]
    public static partial void MembershipNotDelivered(ILogger logger, string peer, string member, string problem);

    [LoggerMessage(31, LogLevel.Warning, "{Node} left the cluster: every remaining member acknowledged all {Writes} of its writes; it takes no more writes and replicates nothing")]
    public static partial void Left(ILogger logger, string node, long writes);

    [LoggerMessage(32, LogLevel.Warning, "{Node} could not leave within {Timeout}: members still lack some of its writes ({Lacking}); it takes writes again")]
    public static partial void LeaveTimedOut(ILogger logger, string node, TimeSpan timeout, string lacking);

    [LoggerMessage(33, LogLevel.Information, "{Node} is a new member of a cluster with data: took {Writes} writes of state from {Peer} (clock {Clock}) before taking writes")]
    public static partial void TookState(ILogger logger, string node, string peer, int writes, VectorClock clock);

    [LoggerMessage(34, LogLevel.Information, "{Node} added member {Member} at {Address} ({Source}): it replicates with it from now on")]
    public static partial void MemberJoined(ILogger logger, string node, string member, Uri address, string source);

    [LoggerMessage(35, LogLevel.Critical, "{Node} cannot join the cluster through {Member}: {Problem}. It takes no writes; start it with another Kv:NodeId")]
    public static partial void JoinRefused(ILogger logger, string node, Uri member, string problem);

    [LoggerMessage(36, LogLevel.Information, "{Node} joined the cluster through {Member}: {Members} other members; it takes their state before it takes writes")]
    public static partial void JoinedCluster(ILogger logger, string node, string member, int members);

    // Debug: with a window too small for the link (Kv:Replication:MaxInFlight) it can happen every interval; counted by
    // kv.replication.window.queries.
    [LoggerMessage(37, LogLevel.Debug, "Link to {Peer} full ({InFlight} writes unacknowledged, nothing heard for {Waited}): asking the peer for its clock")]
    public static partial void WindowFullQuery(ILogger logger, string peer, long inFlight, TimeSpan waited);
}
