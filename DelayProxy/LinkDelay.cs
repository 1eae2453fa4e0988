namespace GridAspire.DelayProxy;

/// <summary>What one emulated link does to the bytes crossing it, each way.</summary>
/// <param name="OneWay">Delay of every byte in each direction: the link's round trip is twice this.</param>
/// <param name="Jitter">Extra delay, uniform in [0, Jitter], per chunk; order within a connection is kept, as TCP's is.</param>
public sealed record LinkDelay(TimeSpan OneWay, TimeSpan Jitter)
{
    /// <summary>No delay at all.</summary>
    public static LinkDelay None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>A link of <paramref name="oneWayMs"/> each way, with <paramref name="jitterMs"/> of jitter.</summary>
    public static LinkDelay Milliseconds(double oneWayMs, double jitterMs = 0) =>
        new(TimeSpan.FromMilliseconds(oneWayMs), TimeSpan.FromMilliseconds(jitterMs));
}
