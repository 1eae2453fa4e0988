using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using GridAspire.KvNode.Events;
using Microsoft.AspNetCore.Http.Features;

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

    // Written by hand rather than as a typed result: the headers go out at once, so a watcher knows it is subscribed
    // before the node has anything to say.
    private static async Task WatchAsync(HttpContext context, NodeEventFeed events, IHostApplicationLifetime lifetime)
    {
        var after = long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
        // A stream never ends by itself: end it when the node stops, or shutting down would wait for every watcher.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = watching.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        await context.Response.Body.FlushAsync(cancellationToken);
        try
        {
            await SseFormatter.WriteAsync(Items(events, after, cancellationToken), context.Response.Body, Format, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher left.
        }
    }

    private static void Format(SseItem<NodeEvent> item, System.Buffers.IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, item.Data, EventsJsonContext.Default.NodeEvent);
    }

    private static async IAsyncEnumerable<SseItem<NodeEvent>> Items(
        NodeEventFeed events, long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var nodeEvent in events.WatchAsync(after, cancellationToken))
        {
            yield return new SseItem<NodeEvent>(nodeEvent) { EventId = nodeEvent.Id.ToString(CultureInfo.InvariantCulture) };
        }
    }
}
