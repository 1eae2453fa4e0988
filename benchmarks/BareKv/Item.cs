namespace GridAspire.Benchmarks.BareKv;

/// <summary>What the endpoint answers.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">Its value.</param>
public sealed record Item(string Key, string? Value);
