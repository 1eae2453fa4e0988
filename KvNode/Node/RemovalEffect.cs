namespace GridAspire.KvNode.Node;

/// <summary>What one removal did here, reported once the node's lock is released.</summary>
/// <param name="Changed">False when the member had already been removed.</param>
/// <param name="Position">The journal position of the removal's record.</param>
/// <param name="Trimmed">Own writes forgotten because only the removed member lacked them.</param>
/// <param name="Reaped">Tombstones forgotten because only the removed member had not seen them.</param>
/// <param name="Discarded">Buffered writes dropped: they waited for writes no remaining member holds.</param>
internal sealed record RemovalEffect(bool Changed, long Position, int Trimmed, int Reaped, IReadOnlyList<PendingWrite> Discarded)
{
    /// <summary>Nothing changed.</summary>
    public static RemovalEffect None { get; } = new(false, 0, 0, 0, []);
}
