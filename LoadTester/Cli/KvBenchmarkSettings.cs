namespace GridAspire.LoadTester.Cli;

/// <summary>What one <c>loadtester kv</c> invocation runs.</summary>
/// <param name="Nodes">The KV nodes by id.</param>
/// <param name="Sessions">Concurrent client sessions.</param>
/// <param name="Seconds">Length of each measurement.</param>
/// <param name="RequestTimeout">Longest wait for one answer from a node.</param>
public sealed record KvBenchmarkSettings(IReadOnlyDictionary<string, Uri> Nodes, int Sessions, int Seconds, TimeSpan RequestTimeout);
