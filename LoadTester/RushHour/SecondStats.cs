using GridAspire.LoadTester.Statistics;

namespace GridAspire.LoadTester.RushHour;

/// <summary>What happened in one second of the run (by completion time), and the grid's load sampled in it.</summary>
public sealed class SecondStats(int second)
{
    private long _sent;
    private long _admitted;
    private long _rejected;
    private long _errors;

    /// <summary>Seconds since the start.</summary>
    public int Second { get; } = second;

    /// <summary>Requests sent in this second.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>201s received in this second.</summary>
    public long Admitted => Interlocked.Read(ref _admitted);

    /// <summary>503s received in this second.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Anything else received in this second.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Latency of the responses received in this second.</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>Utilisation per substation, sampled from the substations themselves during this second.</summary>
    public Dictionary<string, double> Utilisation { get; } = new(StringComparer.Ordinal);

    /// <summary>Load per substation in kW, sampled with <see cref="Utilisation"/>.</summary>
    public Dictionary<string, double> LoadKw { get; } = new(StringComparer.Ordinal);

    /// <summary>Capacity per substation in kW, sampled with <see cref="Utilisation"/>.</summary>
    public Dictionary<string, double> CapacityKw { get; } = new(StringComparer.Ordinal);

    /// <summary>Vehicles charging per substation, sampled with <see cref="Utilisation"/>.</summary>
    public Dictionary<string, int> Vehicles { get; } = new(StringComparer.Ordinal);

    /// <summary>Vehicles held below their maximum per substation, sampled with <see cref="Utilisation"/>.</summary>
    public Dictionary<string, int> Throttled { get; } = new(StringComparer.Ordinal);

    /// <summary>Each substation sampled in this second, as the vehicle figures take it.</summary>
    public IReadOnlyCollection<SubstationSample> VehicleSamples() =>
        [.. CapacityKw.Select(c => new SubstationSample(c.Value, Vehicles.GetValueOrDefault(c.Key), Throttled.GetValueOrDefault(c.Key)))];

    internal void CountSent() => Interlocked.Increment(ref _sent);

    internal void CountAdmitted() => Interlocked.Increment(ref _admitted);

    internal void CountRejected() => Interlocked.Increment(ref _rejected);

    internal void CountError() => Interlocked.Increment(ref _errors);
}
