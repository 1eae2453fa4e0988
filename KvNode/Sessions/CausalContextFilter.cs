using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Diagnostics;
using GridAspire.KvNode.Node;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Sessions;

/// <summary>
/// Gives every client request session guarantees. A request that brings a context is served only once this
/// node has delivered everything the context covers (bounded wait, then 409): that is what makes
/// read-your-writes, monotonic reads, monotonic writes and writes-follow-reads hold across nodes.
/// The response carries the merged context back.
/// </summary>
public sealed class CausalContextFilter(CausalNode node, Rejoin rejoin, IOptions<KvOptions> options, KvMetrics metrics, ILogger<CausalContextFilter> logger) : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var requested = VectorClock.Empty;
        if (http.Request.Headers[KvHeaders.CausalContext].ToString() is { Length: > 0 } token)
        {
            var decoded = CausalContext.TryDecode(token, node.Members, out var error);
            if (decoded is null)
            {
                return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid causal context");
            }

            requested = decoded;
        }

        var timeout = options.Value.ContextWaitTimeout;
        if (rejoin.LostWrites(requested) is { } lost)
        {
            return Lost(requested, lost);
        }

        if (!await node.WaitForAsync(requested, timeout, http.RequestAborted))
        {
            if (rejoin.LostWrites(requested) is { } lostMeanwhile)
            {
                return Lost(requested, lostMeanwhile);
            }

            return TypedResults.Problem(
                $"Node {node.NodeId} is behind your causal context: it needs {requested} but has delivered {node.Clock} " +
                $"after waiting {timeout.TotalSeconds:0.###} s. Retry, or use another node.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Node is behind your causal context");
        }

        var session = new CausalSession(requested);
        http.Features.Set(session);
        var result = await next(context);
        http.Response.Headers[KvHeaders.CausalContext] = CausalContext.Encode(session.Context);
        return result;
    }

    // 410, not 409: waiting or asking another node cannot help; the session must start again from a new context.
    private ProblemHttpResult Lost(VectorClock requested, string reason)
    {
        metrics.ContextLost();
        KvLog.ContextLost(logger, requested, node.NodeId, reason);
        return TypedResults.Problem(
            $"Your causal context can never be met: {reason}. Those writes are lost; read the key again without the context to go on.",
            statusCode: StatusCodes.Status410Gone,
            title: "Causal context names lost writes");
    }
}
