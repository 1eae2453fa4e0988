using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// <c>GET|DELETE /sessions/{sessionId}</c>: a session lives on the substation that admitted it, named by the part of its
/// id before the first dot; the request goes there, 404 when no substation has that id, 503 when it is unreachable.
/// </summary>
public sealed class SessionOwnerMiddleware(RequestDelegate next, LoadTracker tracker, IProblemDetailsService problems)
{
    /// <summary>Handles one session request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var proxy = context.GetReverseProxyFeature();
        var sessionId = context.Request.RouteValues["sessionId"]?.ToString() ?? "";
        var substationId = sessionId.Split('.')[0];
        var owner = tracker.DestinationOf(substationId);
        var destination = owner is null || !tracker.IsHealthy(owner) ? null : proxy.AllDestinations.FirstOrDefault(d => d.DestinationId == owner);
        if (destination is not null)
        {
            proxy.AvailableDestinations = destination; // YARP's DestinationState is itself a list of one

            // A cancelled session frees power now: the load on the response keeps the estimate true until the next poll.
            // Counted before the response starts, so a caller told "ended" never finds the balancer still counting it.
            context.Response.OnStarting(() =>
            {
                if (ReportedLoad.From(context.Response.Headers) is { } load)
                {
                    tracker.RecordReportedLoad(destination.DestinationId, load);
                }

                return Task.CompletedTask;
            });
            await next(context);
            return;
        }

        var known = owner is not null;
        context.Response.StatusCode = known ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status404NotFound;
        if (known)
        {
            ProblemText.RetryAfter(context.Response);
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = known ? "Substation unreachable" : "Unknown session",
                Detail = known
                    ? $"Substation {ProblemText.Echo(substationId)} is not reachable now."
                    : $"No substation '{ProblemText.Echo(substationId)}' owns session '{ProblemText.Echo(sessionId)}'.",
            },
        });
    }
}
