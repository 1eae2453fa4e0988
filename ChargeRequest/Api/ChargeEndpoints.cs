using System.Globalization;
using GridAspire.ChargeRequest.Charging;
using GridAspire.ChargeRequest.Configuration;
using GridAspire.ChargeRequest.Diagnostics;
using GridAspire.ChargeRequest.Idempotency;
using GridAspire.Contracts.Charging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridAspire.ChargeRequest.Api;

/// <summary>The public charging API: <c>POST /api/charge</c>, <c>GET</c> and <c>DELETE /api/charge/{sessionId}</c>.</summary>
public static class ChargeEndpoints
{
    /// <summary>Header that makes a request safe to repeat.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set on a response that replays an earlier booking.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapChargeApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/charge").WithTags("Charging");
        group.MapPost("/", RequestCharge).WithName("RequestCharge")
            .WithSummary("Books a charging session at the least-loaded substation that has room.")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key and body replay the booking " +
                "(Idempotent-Replayed: true), from any replica when they share a store; the same key with another body gets 422, " +
                "and 409 while another request with the key is still booking. 503 with Retry-After when the grid is full, or when " +
                "the key cannot be checked (nothing is booked then).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{sessionId}", GetSession).WithName("GetChargeSession")
            .WithSummary("Reads a charging session's state at the substation that holds it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{sessionId}", EndSession).WithName("EndChargeSession")
            .WithSummary("Stops charging: the vehicle leaves and its power is shared among the others at once.")
            .WithDescription("Idempotent: ending a session that already ended (or finished charging) answers 200 with the session as it ended.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<Results<Created<ChargeAssignment>, ValidationProblem, ProblemHttpResult>> RequestCharge(
        ChargingRequest? body, HttpContext http, BalancerClient balancer, IIdempotencyStore idempotency, ChargeMetrics metrics, ILoggerFactory loggers,
        IOptions<ChargeApiOptions> options)
    {
        var logger = loggers.CreateLogger(typeof(ChargeEndpoints));
        var errors = ChargingRequestValidation.Errors(body);
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

        if (body!.IsPriority && !BearerKeyFilter.Presents(http.Request, options.Value.PriorityKeys))
        {
            metrics.Request("forbidden");
            return TypedResults.Problem(
                "Priority charging needs a priority key (Authorization: Bearer <key>); ask without \"priority\" to charge as standard.",
                statusCode: StatusCodes.Status403Forbidden, title: "Priority not allowed");
        }

        Task<BookingReply> Book(BookingTicket ticket) => balancer.BookAsync(body!, ticket, http.RequestAborted);
        BookingReply reply;
        if (key.Length == 0)
        {
            reply = await Book(BookingTicket.Fresh());
        }
        else
        {
            var fingerprint = string.Create(CultureInfo.InvariantCulture, $"{body.VehicleId}|{body.RequestedKwh:R}|{body.MaxKw:R}|{body.MinKw:R}|{body.Priority}");
            IdempotentRun? run;
            try
            {
                run = await idempotency.RunOnceAsync(key, fingerprint, Book, http.RequestAborted);
            }
            catch (IdempotencyStoreUnavailableException ex)
            {
                // Booking without the record could book twice on a retry: refuse instead, the client retries with the key.
                metrics.Request("store_unavailable");
                ChargeLog.StoreUnavailable(logger, body.VehicleId!, ex.Message);
                ProblemText.RetryAfter(http.Response, TimeSpan.FromSeconds(1));
                return TypedResults.Problem(
                    "The Idempotency-Key cannot be checked now, so nothing was booked; retry with the same key.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Idempotency store unavailable");
            }

            if (run is null)
            {
                metrics.Request("conflict");
                return TypedResults.Problem(
                    "This Idempotency-Key was already used for a different request.",
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused");
            }

            reply = run.Outcome;
            if (run.Replayed && reply.IsBooking)
            {
                http.Response.Headers[ReplayedHeader] = "true";
                metrics.Request("replayed");
                ChargeLog.Replayed(logger, key, body!.VehicleId!);
                return TypedResults.Created($"/api/charge/{reply.Assignment!.SessionId}", reply.Assignment);
            }
        }

        if (reply.Assignment is { } assignment)
        {
            metrics.Request("admitted");
            ChargeLog.Assigned(logger, body!.VehicleId!, assignment.SubstationId, assignment.Kw, assignment.SessionId);
            return TypedResults.Created($"/api/charge/{assignment.SessionId}", assignment);
        }

        var (status, title, outcome) = reply.Outcome switch
        {
            BookingOutcome.GridFull => (StatusCodes.Status503ServiceUnavailable, "Grid full", "grid_full"),
            BookingOutcome.NoSubstationReachable => (StatusCodes.Status503ServiceUnavailable, "No substation reachable", "no_substation_reachable"),
            BookingOutcome.BalancerUnreachable => (StatusCodes.Status503ServiceUnavailable, "Charging service unavailable", "balancer_unreachable"),
            BookingOutcome.InProgress => (StatusCodes.Status409Conflict, "Request in progress", "in_progress"),
            _ => (reply.RefusedStatus, "Request refused", "invalid"),
        };
        metrics.Request(outcome);
        ChargeLog.Refused(logger, body!.VehicleId!, status, reply.Detail);
        if (reply.RetryAfter is { } after)
        {
            ProblemText.RetryAfter(http.Response, after);
        }

        return TypedResults.Problem(reply.Detail, statusCode: status, title: title);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSession(
        string sessionId, BalancerClient balancer, HttpContext http) =>
        AsResult(sessionId, await balancer.GetSessionAsync(sessionId, http.RequestAborted), http);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> EndSession(
        string sessionId, BalancerClient balancer, ChargeMetrics metrics, ILoggerFactory loggers, HttpContext http)
    {
        var reply = await balancer.EndSessionAsync(sessionId, http.RequestAborted);
        metrics.Cancellation(reply switch
        {
            { Found: true } => "ended",
            { Unknown: true } => "unknown",
            _ => "unavailable",
        });
        if (reply.Found)
        {
            ChargeLog.Ended(loggers.CreateLogger(typeof(ChargeEndpoints)), sessionId);
        }

        return AsResult(sessionId, reply, http);
    }

    private static Results<ContentHttpResult, ProblemHttpResult> AsResult(string sessionId, SessionReply reply, HttpContext http)
    {
        if (reply is { Found: true, Json: { } json })
        {
            return TypedResults.Content(json, "application/json");
        }

        if (reply.RetryAfter is { } after)
        {
            ProblemText.RetryAfter(http.Response, after);
        }

        return reply.Unknown
            ? TypedResults.Problem($"No charging session '{ProblemText.Echo(sessionId)}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown session")
            : TypedResults.Problem(reply.Detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Session unavailable");
    }
}
