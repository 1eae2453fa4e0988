using GridAspire.KvNode.Events;

namespace GridAspire.KvNode.Api;

/// <summary><c>GET /events</c>: what the node does, live, as Server-Sent Events; cluster key required.</summary>
public static class EventEndpoints
{
    /// <summary>Maps the event stream.</summary>
    public static RouteHandlerBuilder MapEvents(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/events", WatchAsync)
            .AddEndpointFilter(ClusterKeyFilter.Instance)
            .WithTags("Events")
            .Produces<NodeEvent>(StatusCodes.Status200OK, "text/event-stream")
            .WithSummary("Streams the node's events (writes, batches sent and received, buffering and delivery, with the clocks) as Server-Sent Events; resumes after Last-Event-ID.");

    private static Task WatchAsync(HttpContext context, NodeEventFeed events) =>
        EventStreamResponse.WriteAsync(
            context,
            cancellationToken => events.WatchAsync(EventStreamResponse.LastEventId(context.Request), cancellationToken),
            e => e.Id,
            EventsJsonContext.Default.NodeEvent);
}
