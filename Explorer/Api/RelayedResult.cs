namespace GridAspire.Explorer.Api;

/// <summary>A node's answer passed on to the page unchanged: status, body and the session's causal context.</summary>
internal sealed class RelayedResult(int status, string? contentType, string body, string? causalContext) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        if (causalContext is not null)
        {
            httpContext.Response.Headers[Nodes.KvNodes.ContextHeader] = causalContext;
        }

        if (contentType is not null)
        {
            httpContext.Response.ContentType = contentType;
        }

        await httpContext.Response.WriteAsync(body);
    }
}
