namespace GridAspire.KvNode.Core;

/// <summary>One more key an atomic multi-key write changes, beside its first (<see cref="ReplicatedWrite.Key"/>).</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value, or null for a delete.</param>
public sealed record KeyChange(string Key, string? Value);
