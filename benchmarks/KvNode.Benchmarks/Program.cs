using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(GridAspire.KvNode.Benchmarks.DeliveryBufferBenchmarks).Assembly).Run(args);
