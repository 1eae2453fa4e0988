using GridAspire.Contracts.Kv;
using GridAspire.Explorer.Collection;
using GridAspire.Explorer.Nodes;
using GridAspire.Explorer.ShiViz;

namespace GridAspire.Explorer.Api;

/// <summary>The page's API under <c>/api</c>: the merged event stream, the export, and calls to the nodes.</summary>
public static class ExplorerEndpoints
{
    /// <summary>Maps the API.</summary>
    public static RouteGroupBuilder MapExplorerApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Explorer");
        api.MapGet("/nodes", (NodeConnections connections) => TypedResults.Ok(connections.All))
            .WithSummary("The KV nodes watched, and whether their event streams are open.");
        api.MapGet("/events", StreamAsync)
            .Produces<NodeEvent>(StatusCodes.Status200OK, "text/event-stream")
            .WithSummary("Every node's events as Server-Sent Events, each with the order the explorer received it as its id: those kept (after Last-Event-ID), then live.");
        api.MapDelete("/events", (EventLog log) =>
        {
            log.Clear();
            return TypedResults.NoContent();
        }).WithSummary("Forgets the kept events (a fresh diagram and export).");
        api.MapGet("/export/shiviz", (EventLog log) =>
            TypedResults.Text(ShiVizLog.Write(log.All()), "text/plain; charset=utf-8"))
            .WithSummary("The kept events as a ShiViz log (parsing expression on the first line).");

        var nodes = api.MapGroup("/nodes/{node}").AddEndpointFilter(KnownNodeFilter);
        nodes.MapGet("/status", async (string node, KvNodes kv, CancellationToken ct) => TypedResults.Ok(await kv.StatusAsync(node, ct)));
        nodes.MapGet("/kv/{key}", async (string node, string key, HttpRequest request, KvNodes kv, CancellationToken ct) =>
            NodeAnswer.From(await kv.GetAsync(node, key, Context(request), ct), request.HttpContext.Response));
        nodes.MapPut("/kv/{key}", async (string node, string key, ValueRequest body, HttpRequest request, KvNodes kv, CancellationToken ct) =>
            NodeAnswer.From(await kv.PutAsync(node, key, body.Value, Context(request), ct), request.HttpContext.Response));
        nodes.MapPost("/links/{peer}/hold", async (string node, string peer, HttpResponse response, KvNodes kv, CancellationToken ct) =>
            NodeAnswer.From(await kv.SetLinkAsync(node, peer, held: true, ct), response));
        nodes.MapPost("/links/{peer}/release", async (string node, string peer, HttpResponse response, KvNodes kv, CancellationToken ct) =>
            NodeAnswer.From(await kv.SetLinkAsync(node, peer, held: false, ct), response));
        return api;
    }

    private static string? Context(HttpRequest request) => request.Headers[KvHeaders.CausalContext].FirstOrDefault();

    // 404 for a node the explorer does not watch; 502 when the node does not answer in time.
    private static async ValueTask<object?> KnownNodeFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var node = (string?)context.HttpContext.GetRouteValue("node") ?? "";
        if (!context.HttpContext.RequestServices.GetRequiredService<KvNodes>().Knows(node))
        {
            return TypedResults.Problem($"'{node}' is not a node this explorer watches.", statusCode: StatusCodes.Status404NotFound, title: "Unknown node");
        }

        try
        {
            return await next(context);
        }
        catch (NodeUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status502BadGateway, title: "Node unavailable");
        }
    }

    private static Task StreamAsync(HttpContext context, EventLog log) =>
        EventStreamResponse.WriteAsync(
            context,
            cancellationToken => log.WatchAsync(EventStreamResponse.LastEventId(context.Request), cancellationToken),
            e => e.Order,
            e => e.Event,
            ExplorerJsonContext.Default.NodeEvent);
}
