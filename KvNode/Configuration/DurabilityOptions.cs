using System.ComponentModel.DataAnnotations;

namespace GridAspire.KvNode.Configuration;

/// <summary>How a node keeps its state on disk (section <c>Kv:Durability</c>; the directory is <c>Kv:DataDir</c>).</summary>
public sealed record DurabilityOptions
{
    /// <summary>
    /// <c>always</c>, the only policy: a write is on disk before it is acknowledged, to the client or to the peer that
    /// sent it. Group commit (one fsync for every write that arrived meanwhile) makes this the fast path; the former
    /// <c>batched</c> policy acknowledged before the disk and is refused, so an old setting cannot weaken durability
    /// silently.
    /// </summary>
    [RegularExpression("^always$", ErrorMessage =
        "Kv:Durability:Fsync must be 'always': 'batched' was removed (writes are acknowledged only once on disk, with group commit).")]
    public string Fsync { get; init; } = "always";

    /// <summary>
    /// How long the journal's flusher waits, once a record is queued, before it writes and fsyncs the group, so that
    /// writes arriving meanwhile share the fsync (PostgreSQL's <c>commit_delay</c>, MySQL's
    /// <c>binlog_group_commit_sync_delay</c>). Under load it halves the fsyncs and frees the CPU they took. It waits
    /// only after a group of three or more records (writes arriving faster than fsyncs complete), never for one or
    /// two clients, whose next write comes only after this one is answered. Zero flushes as soon as a record is queued.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:00.010")]
    public TimeSpan CommitDelay { get; init; } = TimeSpan.FromMicroseconds(200);

    /// <summary>
    /// Log records after which the state is compacted into a snapshot and the log starts afresh, once the log has also
    /// grown as large as the last snapshot (so compaction costs a bounded amount per write whatever the store's size).
    /// </summary>
    [Range(10, 10_000_000)]
    public int SnapshotEvery { get; init; } = 10_000;

    /// <summary>
    /// The most of one core a snapshot's writer may use (it sleeps in between): a large store's snapshot then takes
    /// longer rather than taking the CPU requests need. 1 writes as fast as it can.
    /// </summary>
    [Range(0.05, 1.0)]
    public double SnapshotCpuShare { get; init; } = 0.25;
}
