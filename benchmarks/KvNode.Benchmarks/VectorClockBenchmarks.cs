using GridAspire.Contracts.Kv;
using BenchmarkDotNet.Attributes;

namespace GridAspire.KvNode.Benchmarks;

/// <summary>Clock operations on the hot path, for clusters of 3 and 5 nodes.</summary>
[MemoryDiagnoser]
public class VectorClockBenchmarks
{
    private VectorClock _a = VectorClock.Empty;
    private VectorClock _b = VectorClock.Empty;

    [Params(3, 5)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _a = VectorClock.From(Enumerable.Range(1, Nodes).Select(i => KeyValuePair.Create($"kv{i}", (long)(i * 10))));
        _b = VectorClock.From(Enumerable.Range(1, Nodes).Select(i => KeyValuePair.Create($"kv{i}", (long)((Nodes - i + 1) * 10))));
    }

    [Benchmark]
    public ClockOrder Compare() => _a.CompareTo(_b);

    [Benchmark]
    public bool Covers() => _a.Covers(_b);

    [Benchmark]
    public VectorClock Merge() => _a.Merge(_b);

    [Benchmark]
    public VectorClock Tick() => _a.With("kv1", _a["kv1"] + 1);
}
