namespace GridAspire.Contracts.Kv;

/// <summary>Body of <c>POST /batch/read</c>: the keys to read together, from one causally consistent cut.</summary>
/// <param name="Keys">At least one key, none twice, at most 100.</param>
public sealed record KvBatchReadRequest(IReadOnlyList<string>? Keys);
