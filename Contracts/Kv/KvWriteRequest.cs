namespace GridAspire.Contracts.Kv;

/// <summary>Body of <c>PUT /kv/{key}</c>.</summary>
/// <param name="Value">The value to store (required, at most 1 MiB).</param>
public sealed record KvWriteRequest(string? Value);
