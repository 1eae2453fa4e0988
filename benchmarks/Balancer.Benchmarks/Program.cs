using BenchmarkDotNet.Running;
using GridAspire.Balancer.Benchmarks;

// "overhead": balancer vs direct substation, side by side. Anything else goes to BenchmarkDotNet.
if (args.FirstOrDefault() == "overhead")
{
    return await ProxyOverhead.RunAsync(args.Skip(1).ToArray());
}

BenchmarkSwitcher.FromAssembly(typeof(PickBenchmarks).Assembly).Run(args);
return 0;
