using System.Globalization;
using System.Net;
using System.Text.Json;
using GridAspire.ChargeRequest.Configuration;
using GridAspire.ChargeRequest.Diagnostics;
using GridAspire.Contracts.Charging;
using Microsoft.Extensions.Options;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>
/// Talks to the balancer replicas (<see cref="BalancerReplicas"/>) and says what their answers mean: a booking, a full
/// grid, an unreachable grid, a refusal, or no balancer that could be reached. Never a guess dressed up as another: a
/// substation that hangs is the balancer's to report, not "balancer unreachable". A replica that cannot be reached, or
/// dies holding the request, costs one more attempt at the next: the booking keeps its id, and the next attempt number
/// makes that balancer fence the booking at every substation first, so the vehicle is booked once.
/// </summary>
public sealed class BalancerClient(
    HttpClient http,
    BalancerReplicas replicas,
    BalancerReplicaHealth health,
    IOptions<ChargeApiOptions> options,
    ChargeMetrics metrics,
    TimeProvider time,
    ILogger<BalancerClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Asks the grid for a charging session: the replicas in turn, while one cannot be reached and time is left (at most
    /// one more attempt than there are replicas, none started after <see cref="ChargeApiOptions.BalancerTimeout"/>).
    /// </summary>
    public async Task<BookingReply> BookAsync(ChargingRequest body, BookingTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var started = time.GetTimestamp();
        var balancers = health.PreferAnswering(await replicas.InTurnAsync(cancellationToken));
        if (balancers.Count == 0)
        {
            return new BookingReply(BookingOutcome.BalancerUnreachable, Detail: "No balancer is known.", RetryAfter: ProblemText.RetrySoon);
        }

        var attempts = Math.Min(balancers.Count + 1, BookingTicket.AttemptsPerRun);
        for (var i = 0; ; i++)
        {
            var reply = await BookAtAsync(balancers[i], body, ticket.BookingId, ticket.FirstAttempt + i, cancellationToken);
            if (reply.Outcome != BookingOutcome.BalancerUnreachable || i + 1 == attempts || time.GetElapsedTime(started) >= options.Value.BalancerTimeout)
            {
                return reply;
            }

            metrics.Failover();
            ChargeLog.FailingOver(logger, balancers[i].Authority, balancers[i + 1].Authority, ticket.BookingId, reply.Detail);
        }
    }

    private async Task<BookingReply> BookAtAsync(Uri balancer, ChargingRequest body, string bookingId, int attempt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(balancer, "/sessions")) { Content = JsonContent.Create(body) };
        request.Headers.Add(ChargingHeaders.BookingId, bookingId);
        request.Headers.Add(ChargingHeaders.BookingAttempt, attempt.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            health.Answered(balancer);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var retryAfter = RetryAfterOf(response);
            if (response.StatusCode == HttpStatusCode.Created && JsonSerializer.Deserialize<ChargeAssignment>(text, Json) is { } assignment)
            {
                return new BookingReply(BookingOutcome.Booked, assignment);
            }

            var (detail, reason) = ProblemOf(text);
            return (int)response.StatusCode switch
            {
                // A substation's word on the booking itself (another attempt of it in flight there, or superseded): says
                // nothing of whether the vehicle is booked, so the next attempt (fenced) finds out.
                409 => new BookingReply(BookingOutcome.BalancerUnreachable, Detail: $"The grid answered 409 for this booking: {detail}", RetryAfter: ProblemText.RetrySoon),
                >= 400 and < 500 => new BookingReply(BookingOutcome.Refused, Detail: detail, RefusedStatus: (int)response.StatusCode),
                503 when reason == PlacementFailure.GridFull => new BookingReply(BookingOutcome.GridFull, Detail: detail, RetryAfter: retryAfter ?? ProblemText.RetrySoon),
                503 when reason == PlacementFailure.NoSubstationReachable =>
                    new BookingReply(BookingOutcome.NoSubstationReachable, Detail: detail, RetryAfter: retryAfter ?? ProblemText.RetrySoon),

                // Whether an earlier attempt was booked is unknown: another balancer would fence it again.
                _ => new BookingReply(BookingOutcome.BalancerUnreachable, Detail: $"The balancer answered {(int)response.StatusCode}: {detail}", RetryAfter: ProblemText.RetrySoon),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException)
        {
            health.Failed(balancer, ex.Message);
            return new BookingReply(BookingOutcome.BalancerUnreachable, Detail: $"The balancer could not be reached: {ex.Message}", RetryAfter: ProblemText.RetrySoon);
        }
    }

    /// <summary>Looks a session up at its substation.</summary>
    public Task<SessionReply> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendSessionAsync(HttpMethod.Get, sessionId, cancellationToken);

    /// <summary>
    /// Ends a session at its substation (the vehicle leaves): its power is shared again at once, and the balancer counts
    /// it off from the load the substation reports back. Ending an ended session answers it as it ended.
    /// </summary>
    public Task<SessionReply> EndSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendSessionAsync(HttpMethod.Delete, sessionId, cancellationToken);

    private async Task<SessionReply> SendSessionAsync(HttpMethod method, string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendToAnyAsync(method, $"/sessions/{Uri.EscapeDataString(sessionId)}", cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new SessionReply(text, Found: true, Unknown: false),
                HttpStatusCode.NotFound => new SessionReply(null, Found: false, Unknown: true),
                _ => new SessionReply(null, Found: false, Unknown: false, ProblemOf(text).Detail, RetryAfterOf(response) ?? ProblemText.RetrySoon),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException)
        {
            return new SessionReply(null, Found: false, Unknown: false, $"The balancer could not be reached: {ex.Message}", ProblemText.RetrySoon);
        }
    }

    // Reading or ending a session is idempotent: any replica that answers will do.
    private async Task<HttpResponseMessage> SendToAnyAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var balancers = health.PreferAnswering(await replicas.InTurnAsync(cancellationToken));
        for (var i = 0; ; i++)
        {
            var balancer = balancers.Count > 0 ? balancers[i] : new Uri(BalancerReplicas.ServiceUri);
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(balancer, path));
                var response = await http.SendAsync(request, cancellationToken);
                health.Answered(balancer);
                return response;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException && i + 1 < balancers.Count)
            {
                health.Failed(balancer, ex.Message);
                metrics.Failover();
            }
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;

    // A problem document's detail and the balancer's reason; plain text when the body is not one.
    private static (string Detail, string? Reason) ProblemOf(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : body;
            var reason = root.TryGetProperty(PlacementFailure.Member, out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return (detail, reason);
        }
        catch (JsonException)
        {
            return (body, null);
        }
    }
}
