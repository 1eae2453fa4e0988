namespace GridAspire.Contracts.Kv;

/// <summary>
/// Body of <c>POST /batch/write</c>: keys to write and keys to delete, made visible together, everywhere, or not at all.
/// </summary>
/// <param name="Put">Keys to write, with their values.</param>
/// <param name="Delete">Keys to delete; none of them also in <paramref name="Put"/>.</param>
public sealed record KvBatchWriteRequest(IReadOnlyDictionary<string, string?>? Put, IReadOnlyList<string>? Delete);
