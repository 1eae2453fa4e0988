using System.Globalization;
using System.Net;
using System.Text.Json;
using GridAspire.ChargeRequest.Charging;
using GridAspire.ChargeRequest.Diagnostics;
using GridAspire.ChargeRequest.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.ChargeRequest.Api;

/// <summary>The public charging API: <c>POST /api/charge</c> and <c>GET /api/charge/{sessionId}</c>.</summary>
public static class ChargeEndpoints
{
    /// <summary>Header that makes a request safe to repeat.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set on a response that replays an earlier booking.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapChargeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/charge").WithTags("Charging");
        group.MapPost("/", RequestCharge).WithName("RequestCharge")
            .WithSummary("Books a charging session at the least-loaded substation that has room.")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key and body replay the booking " +
                "(Idempotent-Replayed: true); the same key with another body gets 422. 503 with Retry-After when the grid is full.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{sessionId}", GetSession).WithName("GetChargeSession")
            .WithSummary("Reads a charging session's state at the substation that holds it.");
        return group;
    }

    private static async Task<Results<Created<ChargeAssignment>, ValidationProblem, ProblemHttpResult>> RequestCharge(
        ChargeRequestBody? body, HttpContext http, BalancerClient balancer, IdempotencyStore idempotency, ChargeMetrics metrics, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ChargeEndpoints));
        var errors = ChargeValidation.Errors(body);
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 128 || key.Any(char.IsControl))
        {
            errors[IdempotencyKeyHeader] = ["Idempotency-Key must be at most 128 printable characters."];
        }

        if (errors.Count > 0)
        {
            metrics.Request("invalid");
            return TypedResults.ValidationProblem(errors);
        }

        Task<ChargeOutcome> Book() => BookAsync(body!, balancer, http.RequestAborted);
        ChargeOutcome outcome;
        if (key.Length == 0)
        {
            outcome = await Book();
        }
        else
        {
            var fingerprint = string.Create(CultureInfo.InvariantCulture, $"{body!.VehicleId}|{body.RequestedKwh:R}|{body.MaxKw:R}");
            if (await idempotency.RunOnceAsync(key, fingerprint, Book) is not { } run)
            {
                metrics.Request("conflict");
                return TypedResults.Problem(
                    "This Idempotency-Key was already used for a different request.",
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused");
            }

            outcome = run.Outcome;
            if (run.Replayed && outcome.IsBooking)
            {
                http.Response.Headers[ReplayedHeader] = "true";
                metrics.Request("replayed");
                ChargeLog.Replayed(logger, key, body!.VehicleId!);
                return TypedResults.Created($"/api/charge/{outcome.Assignment!.SessionId}", outcome.Assignment);
            }
        }

        if (outcome.Assignment is { } assignment)
        {
            metrics.Request("admitted");
            ChargeLog.Assigned(logger, body!.VehicleId!, assignment.SubstationId, assignment.Kw, assignment.SessionId);
            return TypedResults.Created($"/api/charge/{assignment.SessionId}", assignment);
        }

        metrics.Request(outcome.Status == StatusCodes.Status503ServiceUnavailable ? "grid_full" : "invalid");
        ChargeLog.Refused(logger, body!.VehicleId!, outcome.Status, outcome.Detail);
        if (outcome.RetryAfter is not null)
        {
            http.Response.Headers.RetryAfter = outcome.RetryAfter;
        }

        return TypedResults.Problem(
            outcome.Detail, statusCode: outcome.Status,
            title: outcome.Status == StatusCodes.Status503ServiceUnavailable ? "Grid full" : "Request refused");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSession(
        string sessionId, BalancerClient balancer, HttpContext http)
    {
        var reply = await balancer.GetSessionAsync(sessionId, http.RequestAborted);
        if (reply.Status == HttpStatusCode.OK)
        {
            return TypedResults.Content(reply.Body, "application/json");
        }

        if (reply.RetryAfter is not null)
        {
            http.Response.Headers.RetryAfter = reply.RetryAfter;
        }

        return reply.Status == HttpStatusCode.NotFound
            ? TypedResults.Problem($"No charging session '{sessionId}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown session")
            : TypedResults.Problem(DetailOf(reply), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Session unavailable");
    }

    private static async Task<ChargeOutcome> BookAsync(ChargeRequestBody body, BalancerClient balancer, CancellationToken cancellationToken)
    {
        var reply = await balancer.RequestSessionAsync(body, cancellationToken);
        return reply.Status switch
        {
            HttpStatusCode.Created => new ChargeOutcome(
                StatusCodes.Status201Created, JsonSerializer.Deserialize<ChargeAssignment>(reply.Body, Json), null, null),
            HttpStatusCode.BadRequest => new ChargeOutcome(StatusCodes.Status400BadRequest, null, DetailOf(reply), null),

            // Full grid, unreachable balancer or any upstream failure: come back later, never a 502.
            _ => new ChargeOutcome(StatusCodes.Status503ServiceUnavailable, null, DetailOf(reply), reply.RetryAfter ?? "1"),
        };
    }

    private static string DetailOf(BalancerReply reply)
    {
        try
        {
            using var problem = JsonDocument.Parse(reply.Body);
            return problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { } text ? text : reply.Body;
        }
        catch (JsonException)
        {
            return reply.Body;
        }
    }
}
