using BenchmarkDotNet.Attributes;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.LoadBalancing;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Benchmarks;

/// <summary>Cost of one LeastLoad decision: read every destination's estimate, then pick.</summary>
[MemoryDiagnoser]
public class PickBenchmarks
{
    private readonly Random _random = new(1);
    private LoadTracker _tracker = null!;

    [Params(3, 10, 100)]
    public int Destinations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new BalancerOptions();
        _tracker = new LoadTracker(TimeProvider.System, new FixedOptions(options), new BalancerMetrics());
        var ids = Enumerable.Range(0, Destinations).ToDictionary(i => $"s{i}", i => new Uri($"http://127.0.0.1:{9000 + i}"));
        _tracker.SetDestinations(ids);
        foreach (var (id, _) in ids)
        {
            _tracker.RecordPoll(id, _random.Next(0, 300), 400, id);
        }
    }

    [Benchmark]
    public LoadEstimate? LeastLoadPick() => LeastLoadChoice.Pick(_tracker.All(), 11, TimeSpan.FromSeconds(5), _random);

    private sealed class FixedOptions(BalancerOptions value) : IOptionsMonitor<BalancerOptions>
    {
        public BalancerOptions CurrentValue => value;

        public BalancerOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<BalancerOptions, string?> listener) => null;
    }
}
