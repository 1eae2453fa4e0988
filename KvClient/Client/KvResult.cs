using System.Net;

namespace GridAspire.KvClient.Client;

/// <summary>The outcome of one call: the item on success, the problem's detail otherwise.</summary>
public sealed record KvResult(HttpStatusCode Status, KvItem? Item, string? Problem)
{
    /// <summary>True for a 2xx answer.</summary>
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
