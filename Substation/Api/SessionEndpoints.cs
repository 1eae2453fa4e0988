using System.Globalization;
using GridAspire.Contracts.Charging;
using GridAspire.Substation.Booking;
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
        ChargingRequest? request, ChargingSessions sessions, BookingLedger bookings, TimeProvider time, SubstationMetrics metrics, HttpContext http)
    {
        var errors = ChargingRequestValidation.Errors(request);
        var booking = BookingHeader.Read(
            http.Request.Headers[ChargingHeaders.BookingId], http.Request.Headers[ChargingHeaders.BookingAttempt], out var invalidHeader);
        if (invalidHeader is not null)
        {
            errors[invalidHeader] = [BookingHeader.Problem(invalidHeader)];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A balancer that gave up on this request may have placed the vehicle elsewhere: admitting it now (say, after
        // this process hung for a while) would book a session nobody knows about.
        if (PastDeadline(http.Request.Headers[ChargingHeaders.Deadline], time.GetUtcNow()))
        {
            metrics.DeadlinePassed();
            http.Response.Headers[ChargingHeaders.Refusal] = SubstationRefusal.DeadlinePassed;
            return TypedResults.Problem(
                "The balancer's deadline for this request has passed; it was not admitted.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Deadline passed");
        }

        if (booking is null)
        {
            return AdmitNow(request!, sessions, time, http);
        }

        // One booking, one session across the grid, however many balancers its attempts went through.
        var begun = bookings.Begin(booking.Id, booking.Attempt);
        metrics.BookingChecked(begun.State);
        switch (begun.State)
        {
            case BookingState.Admitted:
                SetExpectedEnd(http, begun.Assignment!.ExpectedEndUtc);
                return TypedResults.Created($"/sessions/{begun.Assignment.SessionId}", begun.Assignment);
            case BookingState.Superseded:
                return TypedResults.Problem(
                    $"Booking '{booking.Id}' was retried elsewhere (attempt {booking.Attempt} is superseded); it was not admitted.",
                    statusCode: StatusCodes.Status409Conflict, title: "Booking superseded");
            case BookingState.InFlight:
                return TypedResults.Problem(
                    $"Booking '{booking.Id}' is being admitted by another attempt; ask again shortly.",
                    statusCode: StatusCodes.Status409Conflict, title: "Booking in flight");
        }

        SessionAssignment? admitted = null;
        try
        {
            var result = AdmitNow(request!, sessions, time, http);
            admitted = (result.Result as Created<SessionAssignment>)?.Value;
            return result;
        }
        finally
        {
            bookings.Finish(booking.Id, admitted);
        }
    }

    private static Results<Created<SessionAssignment>, ValidationProblem, ProblemHttpResult> AdmitNow(
        ChargingRequest request, ChargingSessions sessions, TimeProvider time, HttpContext http)
    {
        var admission = sessions.TryAdmit(request.VehicleId!, request.RequestedKwh!.Value, request.MaxKw!.Value, request.MinKw, request.IsPriority);
        if (admission.Session is not { } session)
        {
            var nextEnd = sessions.Load().NextEndUtc;
            var wait = nextEnd is null ? TimeSpan.FromSeconds(1) : nextEnd.Value - time.GetUtcNow();
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[ChargingHeaders.Refusal] = SubstationRefusal.Full;
            return TypedResults.Problem(
                sessions.Allocation == AllocationMode.Fixed
                    ? $"Substation {sessions.SubstationId} is at {admission.LoadKw:0.#} of {admission.CapacityKw:0.#} kW; {request.MaxKw:0.#} kW more does not fit."
                    : $"Substation {sessions.SubstationId} has promised its {admission.CapacityKw:0.#} kW to the vehicles on it; one more minimum does not fit.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Substation full");
        }

        // Lets a balancer stop counting this session's power when it ends, without waiting for its next poll.
        SetExpectedEnd(http, session.ExpectedEndUtc);
        return TypedResults.Created(
            $"/sessions/{session.SessionId}",
            new SessionAssignment(
                session.SessionId, sessions.SubstationId, Math.Round(session.Kw, 3), session.ExpectedEndUtc, session.MinKw,
                sessions.Allocation == AllocationMode.Shared));
    }

    private static void SetExpectedEnd(HttpContext http, DateTimeOffset end) =>
        http.Response.Headers[ChargingHeaders.ExpectedEnd] = end.ToString("O", CultureInfo.InvariantCulture);

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
