using GridAspire.KvNode.Causality;
using GridAspire.KvNode.Configuration;
using GridAspire.KvNode.Node;
using Microsoft.Extensions.Options;

namespace GridAspire.KvNode.Sessions;

/// <summary>
/// Gives every client request session guarantees. A request that brings a context is served only once this
/// node has delivered everything the context covers (bounded wait, then 409): that is what makes
/// read-your-writes, monotonic reads, monotonic writes and writes-follow-reads hold across nodes.
/// The response carries the merged context back.
/// </summary>
public sealed class CausalContextFilter(CausalNode node, IOptions<KvOptions> options) : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var requested = VectorClock.Empty;
        if (http.Request.Headers[CausalContext.HeaderName].ToString() is { Length: > 0 } token)
        {
            var decoded = CausalContext.TryDecode(token, node.Members, out var error);
            if (decoded is null)
            {
                return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid causal context");
            }

            requested = decoded;
        }

        var timeout = options.Value.ContextWaitTimeout;
        if (!await node.WaitForAsync(requested, timeout, http.RequestAborted))
        {
            return TypedResults.Problem(
                $"Node {node.NodeId} is behind your causal context: it needs {requested} but has delivered {node.Clock} " +
                $"after waiting {timeout.TotalSeconds:0.###} s. Retry, or use another node.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Node is behind your causal context");
        }

        var session = new CausalSession(requested);
        http.Features.Set(session);
        var result = await next(context);
        http.Response.Headers[CausalContext.HeaderName] = CausalContext.Encode(session.Context);
        return result;
    }
}
