namespace GridAspire.Benchmarks.BareKv;

/// <summary>Body of a PUT.</summary>
/// <param name="Value">The value.</param>
public sealed record ValueBody(string? Value);
