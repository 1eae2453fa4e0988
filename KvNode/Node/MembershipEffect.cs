namespace GridAspire.KvNode.Node;

/// <summary>What one membership change did here, reported once the node's lock is released.</summary>
/// <param name="Changed">False when the change was already known (the member had joined, or been removed).</param>
/// <param name="Position">The journal position of the change's record.</param>
/// <param name="Trimmed">Own writes forgotten because only the removed member lacked them.</param>
/// <param name="Reaped">Tombstones forgotten because only the removed member had not seen them.</param>
/// <param name="Discarded">Buffered writes dropped: they waited for writes no remaining member holds.</param>
internal sealed record MembershipEffect(bool Changed, long Position, int Trimmed, int Reaped, IReadOnlyList<PendingWrite> Discarded)
{
    /// <summary>Nothing changed.</summary>
    public static MembershipEffect None { get; } = new(false, 0, 0, 0, []);
}
