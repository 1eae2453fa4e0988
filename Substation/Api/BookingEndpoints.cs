using GridAspire.Contracts.Charging;
using GridAspire.Substation.Booking;
using GridAspire.Substation.Charging;
using GridAspire.Substation.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.Substation.Api;

/// <summary><c>/bookings</c>: what a balancer asks before it places a retried booking.</summary>
public static class BookingEndpoints
{
    /// <summary>Maps <c>POST /bookings/{bookingId}/fence</c>.</summary>
    public static RouteGroupBuilder MapBookings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/bookings").WithTags("Bookings");
        group.MapPost("/{bookingId}/fence", Fence).WithName("FenceBooking")
            .WithSummary("200 with the session when an earlier attempt was admitted here; else 404, and no attempt before 'attempt' will be (409 while one is being admitted).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static Results<Ok<SessionAssignment>, ProblemHttpResult> Fence(
        string bookingId, int? attempt, BookingLedger bookings, SubstationMetrics metrics, ILogger<BookingLedger> logger)
    {
        if (!BookingHeader.IsValidId(bookingId) || attempt is not (>= 1 and <= BookingHeader.MaxAttempt))
        {
            return TypedResults.Problem(
                $"A booking id of 1 to {BookingHeader.MaxIdLength} visible ASCII characters and an attempt from 1 to {BookingHeader.MaxAttempt} are required.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid fence");
        }

        var found = bookings.Fence(bookingId, attempt.Value);
        metrics.BookingFenced(found.State);
        SubstationLog.Fenced(logger, bookingId, attempt.Value, found.State);
        return found.State switch
        {
            BookingState.Admitted => TypedResults.Ok(found.Assignment!),
            BookingState.InFlight => TypedResults.Problem(
                $"Booking '{bookingId}' is being admitted right now; ask again shortly.", statusCode: StatusCodes.Status409Conflict, title: "Booking in flight"),
            _ => TypedResults.Problem(
                $"Booking '{bookingId}' was not admitted here, and no attempt before {attempt} will be.",
                statusCode: StatusCodes.Status404NotFound, title: "Not booked here"),
        };
    }
}
