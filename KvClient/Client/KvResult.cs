using System.Net;

namespace GridAspire.KvClient.Client;

/// <summary>
/// The outcome of one call: the item on success, the problem's detail otherwise. A 404 for a deleted key also carries
/// the tombstone as <see cref="Item"/> (with <c>Deleted</c> true), naming the delete that removed the key.
/// </summary>
public sealed record KvResult(HttpStatusCode Status, KvItem? Item, string? Problem)
{
    /// <summary>True for a 2xx answer.</summary>
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
