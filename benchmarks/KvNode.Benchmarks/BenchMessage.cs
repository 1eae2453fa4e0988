using GridAspire.Contracts.Kv;
using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Benchmarks;

public sealed record BenchMessage(string Origin, VectorClock Clock) : ICausalMessage;
