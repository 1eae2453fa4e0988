using GridAspire.Substation.Charging;
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
        SessionRequest? request, ChargingSessions sessions, TimeProvider time, HttpContext http)
    {
        var errors = SessionValidation.Errors(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var admission = sessions.TryAdmit(request!.VehicleId!, request.RequestedKwh!.Value, request.MaxKw!.Value);
        if (admission.Session is not { } session)
        {
            var nextEnd = sessions.Load().NextEndUtc;
            var wait = nextEnd is null ? TimeSpan.FromSeconds(1) : nextEnd.Value - time.GetUtcNow();
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                $"Substation {sessions.SubstationId} is at {admission.LoadKw:0.#} of {admission.CapacityKw:0.#} kW; " +
                $"{request.MaxKw:0.#} kW more does not fit.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Substation full");
        }

        // Lets a balancer stop counting this session's power when it ends, without waiting for its next poll.
        http.Response.Headers["X-Session-Expected-End"] = session.ExpectedEndUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Created(
            $"/sessions/{session.SessionId}",
            new SessionAssignment(session.SessionId, sessions.SubstationId, session.Kw, session.ExpectedEndUtc));
    }

    private static Results<Ok<SessionView>, ProblemHttpResult> Get(string sessionId, ChargingSessions sessions) =>
        sessions.Find(sessionId) is { } view ? TypedResults.Ok(view) : NotFound(sessionId);

    private static Results<Ok<SessionView>, ProblemHttpResult> Cancel(string sessionId, ChargingSessions sessions) =>
        sessions.Cancel(sessionId) is { } view ? TypedResults.Ok(view) : NotFound(sessionId);

    private static ProblemHttpResult NotFound(string sessionId) =>
        TypedResults.Problem($"No session '{sessionId}' here.", statusCode: StatusCodes.Status404NotFound, title: "Unknown session");
}
