using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A long-lived Server-Sent Events response: the headers go out at once (so a watcher knows it is subscribed before
/// anything happens), each item is one JSON message with its id, and the stream ends when the caller leaves or the
/// service stops (otherwise shutting down would wait for every watcher).
/// </summary>
public static class EventStreamResponse
{
    /// <summary>The id the caller last saw (<c>Last-Event-ID</c>), or 0.</summary>
    public static long LastEventId(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return long.TryParse(request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }

    /// <summary>Streams what <paramref name="watch"/> yields, each as JSON with the id <paramref name="idOf"/> gives.</summary>
    public static Task WriteAsync<T>(
        HttpContext context, Func<CancellationToken, IAsyncEnumerable<T>> watch, Func<T, long> idOf, JsonTypeInfo<T> json) =>
        WriteAsync(context, watch, idOf, item => item, json);

    /// <summary>
    /// Streams what <paramref name="watch"/> yields: the part <paramref name="dataOf"/> picks as JSON, with the id
    /// <paramref name="idOf"/> gives (an id that is the stream's, not the message's: the order a collector received it in).
    /// </summary>
    public static async Task WriteAsync<T, TData>(
        HttpContext context, Func<CancellationToken, IAsyncEnumerable<T>> watch, Func<T, long> idOf, Func<T, TData> dataOf, JsonTypeInfo<TData> json)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(watch);
        var lifetime = context.RequestServices.GetService(typeof(IHostApplicationLifetime)) as IHostApplicationLifetime;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime?.ApplicationStopping ?? CancellationToken.None);
        var cancellationToken = watching.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await context.Response.Body.FlushAsync(cancellationToken);
            await SseFormatter.WriteAsync(Items(watch(cancellationToken), idOf, dataOf), context.Response.Body, Format, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher left, or the service stops.
        }

        void Format(SseItem<TData> item, System.Buffers.IBufferWriter<byte> output)
        {
            using var writer = new Utf8JsonWriter(output);
            JsonSerializer.Serialize(writer, item.Data, json);
        }
    }

    private static async IAsyncEnumerable<SseItem<TData>> Items<T, TData>(IAsyncEnumerable<T> items, Func<T, long> idOf, Func<T, TData> dataOf)
    {
        await foreach (var item in items)
        {
            yield return new SseItem<TData>(dataOf(item)) { EventId = idOf(item).ToString(CultureInfo.InvariantCulture) };
        }
    }
}
