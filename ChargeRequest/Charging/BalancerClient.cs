using System.Net;
using System.Text.Json;
using GridAspire.Contracts.Charging;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>
/// Talks to the balancer, found by service discovery (<c>http://balancer</c>), and says what its answers mean: a
/// booking, a full grid, an unreachable grid, a refusal, or a balancer that could not be reached. Never a guess
/// dressed up as another: a substation that hangs is the balancer's to report, not "balancer unreachable".
/// </summary>
public sealed class BalancerClient(HttpClient http)
{
    /// <summary>Name the balancer is discovered by.</summary>
    public const string ServiceUri = "http://balancer";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Asks the grid for a charging session.</summary>
    public async Task<BookingReply> BookAsync(ChargingRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sessions") { Content = JsonContent.Create(body) };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var retryAfter = RetryAfterOf(response);
            if (response.StatusCode == HttpStatusCode.Created && JsonSerializer.Deserialize<ChargeAssignment>(text, Json) is { } assignment)
            {
                return new BookingReply(BookingOutcome.Booked, assignment);
            }

            var (detail, reason) = ProblemOf(text);
            return (int)response.StatusCode switch
            {
                >= 400 and < 500 => new BookingReply(BookingOutcome.Refused, Detail: detail, RefusedStatus: (int)response.StatusCode),
                503 when reason == PlacementFailure.GridFull => new BookingReply(BookingOutcome.GridFull, Detail: detail, RetryAfter: retryAfter ?? ProblemText.RetrySoon),
                503 when reason == PlacementFailure.NoSubstationReachable =>
                    new BookingReply(BookingOutcome.NoSubstationReachable, Detail: detail, RetryAfter: retryAfter ?? ProblemText.RetrySoon),
                _ => new BookingReply(BookingOutcome.BalancerUnreachable, Detail: $"The balancer answered {(int)response.StatusCode}: {detail}", RetryAfter: ProblemText.RetrySoon),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException)
        {
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
            using var request = new HttpRequestMessage(method, $"/sessions/{Uri.EscapeDataString(sessionId)}");
            using var response = await http.SendAsync(request, cancellationToken);
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
