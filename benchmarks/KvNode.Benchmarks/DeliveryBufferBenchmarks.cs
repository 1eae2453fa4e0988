using GridAspire.Contracts.Kv;
using BenchmarkDotNet.Attributes;
using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Benchmarks;

/// <summary>
/// Delivers 100k broadcast writes from 3 origins. "Chain" makes every write depend on the previous one (one
/// total causal order: the worst case for buffering); "Independent" has no cross-origin dependencies.
/// Arrival is in causal order or fully shuffled.
/// </summary>
[MemoryDiagnoser]
public class DeliveryBufferBenchmarks
{
    private const int Messages = 100_000;
    private static readonly string[] Origins = ["kv1", "kv2", "kv3"];
    private BenchMessage[] _chainInOrder = [];
    private BenchMessage[] _chainShuffled = [];
    private BenchMessage[] _independentShuffled = [];

    [GlobalSetup]
    public void Setup()
    {
        _chainInOrder = Generate(dependOnEverything: true);
        _chainShuffled = Shuffle(_chainInOrder, seed: 42);
        _independentShuffled = Shuffle(Generate(dependOnEverything: false), seed: 42);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public int ChainInOrder() => DeliverAll(_chainInOrder);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int ChainShuffled() => DeliverAll(_chainShuffled);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int IndependentShuffled() => DeliverAll(_independentShuffled);

    private static int DeliverAll(BenchMessage[] messages)
    {
        var buffer = new DeliveryBuffer<BenchMessage>();
        var delivered = 0;
        foreach (var message in messages)
        {
            delivered += buffer.Receive(message).Delivered.Count;
        }

        return delivered == messages.Length ? delivered : throw new InvalidOperationException($"delivered {delivered}");
    }

    private static BenchMessage[] Generate(bool dependOnEverything)
    {
        var counters = new Dictionary<string, long>(Origins.Select(o => KeyValuePair.Create(o, 0L)));
        var messages = new BenchMessage[Messages];
        for (var i = 0; i < Messages; i++)
        {
            var origin = Origins[i % Origins.Length];
            counters[origin]++;
            var clock = dependOnEverything
                ? VectorClock.From(counters)
                : VectorClock.From([KeyValuePair.Create(origin, counters[origin])]);
            messages[i] = new BenchMessage(origin, clock);
        }

        return messages;
    }

    private static BenchMessage[] Shuffle(BenchMessage[] messages, int seed)
    {
        var copy = (BenchMessage[])messages.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}
