using BenchmarkDotNet.Attributes;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.LoadBalancing;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Benchmarks;

/// <summary>Cost of one LeastLoad placement: every destination's estimate, the pick, the reservation and its release.</summary>
[MemoryDiagnoser]
public class PickBenchmarks
{
    private readonly Random _random = new(1);
    private LoadTracker _tracker = null!;
    private LeastLoadPlacement _policy = null!;

    [Params(3, 10, 100)]
    public int Destinations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new FixedOptions(new BalancerOptions());
        _tracker = new LoadTracker(TimeProvider.System, options);
        _policy = new LeastLoadPlacement(options);
        var ids = Enumerable.Range(0, Destinations).ToDictionary(i => $"s{i}", i => new Uri($"http://127.0.0.1:{9000 + i}"));
        _tracker.SetDestinations(ids);
        foreach (var (id, _) in ids)
        {
            _tracker.RecordPoll(id, _random.Next(0, 300), 400, id);
        }
    }

    [Benchmark]
    public string? PlaceAndRelease()
    {
        var placement = _tracker.Place(11, _policy);
        _tracker.Complete(placement.DestinationId!, 11, admitted: false, reportedLoadKw: null);
        return placement.DestinationId;
    }

    private sealed class FixedOptions(BalancerOptions value) : IOptionsMonitor<BalancerOptions>
    {
        public BalancerOptions CurrentValue => value;

        public BalancerOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<BalancerOptions, string?> listener) => null;
    }
}
