namespace GridAspire.KvNode.Chaos;

/// <summary>
/// A hung disk on demand (chaos endpoints only): while stalled, the journal writes nothing, so writes wait for
/// durability and are not acknowledged. It shows what a slow or stuck disk costs, and lets a test kill a node while
/// writes are queued and unacknowledged.
/// </summary>
public sealed class DiskStall : IDisposable
{
    private readonly ManualResetEventSlim _running = new(initialState: true);

    /// <summary>True while the disk is stalled.</summary>
    public bool Stalled => !_running.IsSet;

    /// <summary>Stops the journal from writing until <see cref="Resume"/>.</summary>
    public void Stall() => _running.Reset();

    /// <summary>Lets the journal write again.</summary>
    public void Resume() => _running.Set();

    /// <summary>Blocks the calling (flusher) thread while the disk is stalled.</summary>
    public void WaitWhileStalled() => _running.Wait();

    /// <inheritdoc/>
    public void Dispose() => _running.Dispose();
}
