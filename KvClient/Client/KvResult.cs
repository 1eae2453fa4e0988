using System.Net;
using GridAspire.Contracts.Kv;

namespace GridAspire.KvClient.Client;

/// <summary>
/// The outcome of one call: the item on success, the problem's detail otherwise, and the causal context the node
/// returned. A 404 for a deleted key also carries the tombstone as <see cref="Item"/> (with <c>Deleted</c> true),
/// naming the delete that removed the key.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Item">The key's version, when the node showed one.</param>
/// <param name="Problem">The problem document's detail, on failure.</param>
/// <param name="Context">The causal context the node returned (<see cref="KvHeaders.CausalContext"/>), if any.</param>
public sealed record KvResult(HttpStatusCode Status, KvItem? Item, string? Problem, string? Context = null)
{
    /// <summary>The answer of a batch read (<c>POST /batch/read</c>), on success.</summary>
    public KvBatchReadResult? Batch { get; init; }

    /// <summary>The answer of a multi-key write (<c>POST /batch/write</c>), on success.</summary>
    public KvBatchWriteResult? Written { get; init; }

    /// <summary>True for a 2xx answer.</summary>
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
