using System.ComponentModel.DataAnnotations;

namespace GridAspire.KvNode.Configuration;

/// <summary>How a node keeps its state on disk (section <c>Kv:Durability</c>; the directory is <c>Kv:DataDir</c>).</summary>
public sealed record DurabilityOptions
{
    /// <summary>
    /// <c>always</c>: every write is on disk before it is acknowledged (to the client, or to the peer that sent it).
    /// <c>batched</c>: flushed every <see cref="FsyncIntervalMs"/>; faster, and a crash can lose the last interval.
    /// </summary>
    [RegularExpression("^(always|batched)$", ErrorMessage = "Kv:Durability:Fsync must be 'always' or 'batched'.")]
    public string Fsync { get; init; } = "always";

    /// <summary>Flush interval of the <c>batched</c> policy.</summary>
    [Range(1, 10_000)]
    public int FsyncIntervalMs { get; init; } = 50;

    /// <summary>Log records after which the state is compacted into a snapshot and the log starts afresh.</summary>
    [Range(10, 10_000_000)]
    public int SnapshotEvery { get; init; } = 10_000;

    /// <summary>True for the <c>always</c> policy.</summary>
    public bool FsyncEveryWrite => Fsync == "always";
}
