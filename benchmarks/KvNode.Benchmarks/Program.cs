using BenchmarkDotNet.Running;
using GridAspire.KvNode.Benchmarks;

// "seed-snapshot": data directories for benchmarks/kv-durable-writes.sh. Anything else goes to BenchmarkDotNet.
if (args.FirstOrDefault() == "seed-snapshot")
{
    return SnapshotSeeder.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(DeliveryBufferBenchmarks).Assembly).Run(args);
return 0;
