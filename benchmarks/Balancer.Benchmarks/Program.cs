using BenchmarkDotNet.Running;
using GridAspire.Balancer.Benchmarks;

// The placement's own cost. What a whole proxy hop costs, against nginx, HAProxy and bare YARP: balancer-overhead.sh.
BenchmarkSwitcher.FromAssembly(typeof(PickBenchmarks).Assembly).Run(args);
