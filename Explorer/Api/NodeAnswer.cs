using GridAspire.Contracts.Kv;
using GridAspire.KvClient.Client;

namespace GridAspire.Explorer.Api;

/// <summary>A node's answer passed on to the page: its status, the item or the problem, and the session's causal context.</summary>
internal static class NodeAnswer
{
    /// <summary>The result of <paramref name="result"/>, with its context as <see cref="KvHeaders.CausalContext"/>.</summary>
    public static IResult From(KvResult result, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(response);
        if (result.Context is { } context)
        {
            response.Headers[KvHeaders.CausalContext] = context;
        }

        if (result.IsSuccess)
        {
            return result switch
            {
                { Item: { } item } => TypedResults.Ok(item),
                { Batch: { } batch } => TypedResults.Ok(batch),
                { Written: { } written } => TypedResults.Ok(written),
                _ => TypedResults.Ok(),
            };
        }

        return TypedResults.Problem(result.Problem, statusCode: (int)result.Status, title: $"{(int)result.Status} from the node");
    }
}
