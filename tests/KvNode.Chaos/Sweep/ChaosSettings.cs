namespace GridAspire.KvNode.Chaos.Sweep;

/// <summary>The shape of one chaos run; everything random in it comes from the seed.</summary>
/// <param name="Nodes">Cluster size, 3 to 5; null picks it from the seed.</param>
/// <param name="Sessions">Concurrent client sessions.</param>
/// <param name="OperationsPerSession">Operations each session issues.</param>
/// <param name="Keys">How many keys the sessions share (few, so they conflict).</param>
/// <param name="FaultSteps">How many fault steps (kills, restarts, link faults, partitions, releases) each run takes.</param>
/// <param name="FaultInterval">Mean pause between faults is 1.5 times this.</param>
/// <param name="KeepData">Keep the nodes' data, logs and the history even when the run passes.</param>
/// <param name="WideArea">
/// Put a delay proxy on every link between two nodes, each pair at its own seeded distance (<see cref="DistanceOf"/>), on
/// top of the injected faults: the nodes are in different regions; clients stay next to the node they call.
/// </param>
/// <param name="Membership">
/// Membership changes among the faults: a new node joins through a member while the sessions run, a killed node is
/// removed for good instead of restarted, a node leaves (during a partition it may not be able to, and says so).
/// </param>
public sealed record ChaosSettings(
    int? Nodes = null,
    int Sessions = 4,
    int OperationsPerSession = 100,
    int Keys = 5,
    int FaultSteps = 20,
    TimeSpan? FaultInterval = null,
    bool KeepData = false,
    bool WideArea = false,
    bool Membership = false)
{
    /// <summary>Shortest one-way delay between two regions in a wide-area run.</summary>
    public static readonly TimeSpan ShortestDistance = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest one-way delay between two regions in a wide-area run.</summary>
    public static readonly TimeSpan LongestDistance = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// The one-way delay between nodes <paramref name="a"/> and <paramref name="b"/> (1-based) in a wide-area run of
    /// <paramref name="seed"/>, the same both ways; zero when the run is not wide-area.
    /// </summary>
    public TimeSpan DistanceOf(int seed, int a, int b)
    {
        if (!WideArea)
        {
            return TimeSpan.Zero;
        }

        // Not HashCode.Combine: it is randomised per process, and a seed must give the same distances in every rerun.
        var random = new Random(unchecked((seed * 7919) + (Math.Min(a, b) * 97) + Math.Max(a, b)));
        return ShortestDistance + ((LongestDistance - ShortestDistance) * random.NextDouble());
    }

    /// <summary>The cluster size for <paramref name="seed"/>: 3, 4 or 5 in turn unless fixed.</summary>
    public int NodesFor(int seed) => Nodes ?? 3 + (Math.Abs(seed) % 3);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(Nodes is { } n ? $"{n} nodes" : "3-5 nodes by seed")}, {Sessions} sessions x {OperationsPerSession} ops on {Keys} keys, " +
        $"{FaultSteps} fault steps, one every {FaultPause.TotalMilliseconds:0}-{2 * FaultPause.TotalMilliseconds:0} ms" +
        (WideArea ? $", regions {ShortestDistance.TotalMilliseconds:0}-{LongestDistance.TotalMilliseconds:0} ms apart one way" : "") +
        (Membership ? ", with joins, removals and leaves" : "");

    /// <summary>The pause between faults.</summary>
    public TimeSpan FaultPause => FaultInterval ?? TimeSpan.FromMilliseconds(100);
}
