using System.Globalization;
using GridAspire.Contracts.Charging;
using GridAspire.Substation.Charging;
using GridAspire.Substation.Configuration;
using GridAspire.Substation.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.Substation.Api;

/// <summary><c>/sessions</c>: admit, inspect and end charging sessions.</summary>
public static class SessionEndpoints
{
    /// <summary>Maps the session endpoints.</summary>
    public static RouteGroupBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/sessions").WithTags("Sessions").AddEndpointFilter<LoadHeaders>();
        group.MapPost("/", Admit).WithName("AdmitSession");
        group.MapGet("/{sessionId}", Get).WithName("GetSession");
        group.MapDelete("/{sessionId}", Cancel).WithName("EndSession");
        return group;
    }

    private static Results<Created<SessionAssignment>, ValidationProblem, ProblemHttpResult> Admit(
        ChargingRequest? request, ChargingSessions sessions, TimeProvider time, SubstationMetrics metrics, HttpContext http)
    {
        var errors = ChargingRequestValidation.Errors(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A balancer that gave up on this request may have placed the vehicle elsewhere: admitting it now (say, after
        // this process hung for a while) would book a session nobody knows about.
        if (PastDeadline(http.Request.Headers[ChargingHeaders.Deadline], time.GetUtcNow()))
        {
            metrics.DeadlinePassed();
            return TypedResults.Problem(
                "The balancer's deadline for this request has passed; it was not admitted.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Deadline passed");
        }

        var admission = sessions.TryAdmit(request!.VehicleId!, request.RequestedKwh!.Value, request.MaxKw!.Value, request.MinKw, request.IsPriority);
        if (admission.Session is not { } session)
        {
            var nextEnd = sessions.Load().NextEndUtc;
            var wait = nextEnd is null ? TimeSpan.FromSeconds(1) : nextEnd.Value - time.GetUtcNow();
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                sessions.Allocation == AllocationMode.Fixed
                    ? $"Substation {sessions.SubstationId} is at {admission.LoadKw:0.#} of {admission.CapacityKw:0.#} kW; {request.MaxKw:0.#} kW more does not fit."
                    : $"Substation {sessions.SubstationId} has promised its {admission.CapacityKw:0.#} kW to the vehicles on it; one more minimum does not fit.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Substation full");
        }

        // Lets a balancer stop counting this session's power when it ends, without waiting for its next poll.
        http.Response.Headers[ChargingHeaders.ExpectedEnd] = session.ExpectedEndUtc.ToString("O", CultureInfo.InvariantCulture);
        return TypedResults.Created(
            $"/sessions/{session.SessionId}",
            new SessionAssignment(
                session.SessionId, sessions.SubstationId, Math.Round(session.Kw, 3), session.ExpectedEndUtc, session.MinKw,
                sessions.Allocation == AllocationMode.Shared));
    }

    private static Results<Ok<SessionView>, ProblemHttpResult> Get(string sessionId, ChargingSessions sessions) =>
        sessions.Find(sessionId) is { } view ? TypedResults.Ok(view) : NotFound(sessionId);

    private static Results<Ok<SessionView>, ProblemHttpResult> Cancel(string sessionId, ChargingSessions sessions) =>
        sessions.Cancel(sessionId) is { } view ? TypedResults.Ok(view) : NotFound(sessionId);

    // Clocks of balancer and substations are assumed to agree within the tolerance (NTP does far better).
    private static bool PastDeadline(string? deadline, DateTimeOffset now) =>
        long.TryParse(deadline, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs)
        && now > DateTimeOffset.FromUnixTimeMilliseconds(unixMs) + DeadlineTolerance;

    private static readonly TimeSpan DeadlineTolerance = TimeSpan.FromSeconds(1);

    private static ProblemHttpResult NotFound(string sessionId) =>
        TypedResults.Problem($"No session '{sessionId}' here.", statusCode: StatusCodes.Status404NotFound, title: "Unknown session");
}
