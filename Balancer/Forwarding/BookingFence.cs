using System.Globalization;
using System.Net;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Contracts.Charging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// Before a retried booking (attempt 2 or later: the public API's earlier attempt went through a balancer that died or
/// did not answer) is placed, fences it at every substation at once. A substation that admitted an earlier attempt
/// answers with that session, which is the answer; one that did not promises never to admit an earlier attempt. Only
/// when every substation promised is it placed as new, so the vehicle is booked once whichever balancer it went through.
/// </summary>
public sealed class BookingFence(
    IHttpClientFactory clients, IOptionsMonitor<BalancerOptions> options, BalancerMetrics metrics, ILogger<BookingFence> logger)
{
    /// <summary>Name of the HttpClient used for fences.</summary>
    public const string HttpClientName = "booking-fence";

    /// <summary>Fences <paramref name="booking"/> at every destination, in parallel, each within one attempt's time.</summary>
    internal async Task<BookingFenceResult> FenceAsync(BookingHeader booking, IReadOnlyList<DestinationState> destinations, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout + settings.ResponseTimeout);
        var path = $"bookings/{Uri.EscapeDataString(booking.Id)}/fence?attempt={booking.Attempt.ToString(CultureInfo.InvariantCulture)}";
        var answers = await Task.WhenAll(destinations.Select(d => AskAsync(d, path, timeout.Token)));
        var result = answers.FirstOrDefault(a => a.FoundAt is not null)
            ?? answers.FirstOrDefault(a => a.Unknown is not null)
            ?? new BookingFenceResult(Clear: true);
        var outcome = result.FoundAt is not null ? "found" : result.Clear ? "clear" : "unknown";
        metrics.BookingFenced(outcome);
        BalancerLog.BookingFenced(logger, booking.Id, booking.Attempt, destinations.Count, outcome, result.FoundAt ?? result.Unknown ?? "");
        return result;
    }

    private async Task<BookingFenceResult> AskAsync(DestinationState destination, string path, CancellationToken cancellationToken)
    {
        var id = destination.DestinationId;
        try
        {
            var address = new Uri(destination.Model.Config.Address.TrimEnd('/') + "/");
            using var response = await clients.CreateClient(HttpClientName).PostAsync(new Uri(address, path), content: null, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new BookingFenceResult(Clear: false, FoundAt: id, Session: await response.Content.ReadAsStringAsync(cancellationToken)),
                HttpStatusCode.NotFound => new BookingFenceResult(Clear: true),
                HttpStatusCode.Conflict => new BookingFenceResult(Clear: false, Unknown: $"{id} is admitting an earlier attempt right now"),
                _ => new BookingFenceResult(Clear: false, Unknown: $"{id} answered the fence with {(int)response.StatusCode}"),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return new BookingFenceResult(Clear: false, Unknown: $"{id} could not be asked ({ex.GetType().Name})");
        }
    }
}
