using System.Diagnostics;
using System.Globalization;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Contracts.Charging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// Places a charging request (<c>POST /sessions</c>) and forwards it. Each attempt chooses a substation and reserves
/// the request's power on it in one step (<see cref="LoadTracker.Place"/>), forwards with bounded timeouts, and releases
/// the reservation with what the substation said. A substation that is full, or that refuses the request as past its
/// deadline (late, or its clock apart from ours: nothing said about room), is skipped for this request; one that
/// cannot be reached, or does not answer in time, is marked unhealthy at once; either way the next best substation is
/// tried within the same request, while time is left. When none takes it the client gets 503 + Retry-After saying
/// whether the grid is full or no substation could be reached (never a 502).
/// </summary>
public sealed class AdmissionMiddleware(
    RequestDelegate next,
    LoadTracker tracker,
    PlacementPolicies policies,
    BalancerMetrics metrics,
    BookingFence fence,
    IProblemDetailsService problems,
    IOptionsMonitor<BalancerOptions> options,
    TimeProvider time,
    ILogger<AdmissionMiddleware> logger)
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Handles one charging request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetTimestamp();
        var settings = options.CurrentValue;
        using var body = await BufferedChargeRequest.ReadAsync(context, MaxBodyBytes, settings.DefaultRequestKw);
        if (body is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"A charging request is at most {MaxBodyBytes} bytes.", null);
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        if (!await RetriedBookingMayBePlacedAsync(context, proxy, started))
        {
            return;
        }

        var kw = body.Kw;
        var policy = policies.Current;
        using var route = BalancerTracing.Source.StartActivity("balancer.route");
        route?.SetTag("balancer.policy", policy.Name).SetTag("balancer.request_kw", kw);
        var deadline = started + (long)(settings.RequestDeadline.TotalSeconds * time.TimestampFrequency);
        var attemptBudget = settings.ConnectTimeout + settings.ResponseTimeout;
        List<string>? tried = null;
        var failure = PlacementFailure.NoSubstationReachable;
        string? retryAfter = null;
        while (true)
        {
            var placement = tracker.Place(body.Demand, policy, tried, describe: route is not null);
            route?.SetTag("balancer.loads", placement.Loads);
            if (!placement.Placed)
            {
                // Full: nobody healthy has room. NoneReachable after a full answer: the grid is still full, not down.
                failure = placement.Outcome == PlacementOutcome.Full || failure == PlacementFailure.GridFull
                    ? PlacementFailure.GridFull
                    : PlacementFailure.NoSubstationReachable;
                break;
            }

            var id = placement.DestinationId!;
            var result = await ForwardAsync(context, proxy, body, id, placement.ClaimKw, settings);
            if (result.Done)
            {
                route?.SetTag("balancer.destination", id).SetTag("http.response.status_code", context.Response.StatusCode);
                metrics.Completed(time.GetElapsedTime(started), context.Response.StatusCode);
                return;
            }

            if (result.Full)
            {
                failure = PlacementFailure.GridFull;
                retryAfter = result.RetryAfter ?? retryAfter;
            }

            (tried ??= []).Add(id);
            if (time.GetElapsedTime(time.GetTimestamp(), deadline) < attemptBudget)
            {
                break; // not enough time for one more attempt
            }

            metrics.Retried();
            BalancerLog.Retrying(logger, id, kw, result.Full ? "full" : result.Late ? "refused it as past the deadline" : "failed");
        }

        var demand = body.Demand;
        var avoidable = failure == PlacementFailure.GridFull && tracker.All().Any(e => e.Healthy && e.HeadroomKw >= demand.ClaimAt(e));
        metrics.Rejected(failure, avoidable);
        BalancerLog.Rejected(logger, kw, failure, tried?.Count ?? 0);
        route?.SetTag("balancer.rejected", failure);
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        else
        {
            ProblemText.RetryAfter(context.Response);
        }
        await WriteProblemAsync(
            context,
            StatusCodes.Status503ServiceUnavailable,
            failure == PlacementFailure.GridFull ? "Grid full" : "No substation reachable",
            failure == PlacementFailure.GridFull
                ? $"No substation can take {kw:0.#} kW now."
                : "No substation could be reached now; the grid may have room. Try again shortly.",
            failure);
        metrics.Completed(time.GetElapsedTime(started), StatusCodes.Status503ServiceUnavailable, failure);
    }

    // A booking's second or later attempt may follow one a dead balancer placed: fence it everywhere first. Answers the
    // request itself (the earlier session, a malformed booking, or its fate unknown) and returns false, or returns true.
    private async Task<bool> RetriedBookingMayBePlacedAsync(HttpContext context, IReverseProxyFeature proxy, long started)
    {
        var booking = BookingHeader.Read(
            context.Request.Headers[ChargingHeaders.BookingId], context.Request.Headers[ChargingHeaders.BookingAttempt], out var invalidHeader);
        if (invalidHeader is not null)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid booking", BookingHeader.Problem(invalidHeader), null);
            return false;
        }

        if (booking is not { Attempt: > 1 })
        {
            return true;
        }

        var fenced = await fence.FenceAsync(booking, proxy.AllDestinations, context.RequestAborted);
        if (fenced.Session is { } session)
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(session, context.RequestAborted);
            metrics.Completed(time.GetElapsedTime(started), StatusCodes.Status201Created);
            return false;
        }

        if (fenced.Clear)
        {
            return true;
        }

        context.Response.Headers.RetryAfter = "1";
        await WriteProblemAsync(
            context, StatusCodes.Status503ServiceUnavailable, "Booking outcome unknown",
            $"An earlier attempt at this booking may have been admitted ({fenced.Unknown}); placing it now could book the vehicle twice. Try again shortly.",
            PlacementFailure.BookingUnknown);
        metrics.Completed(time.GetElapsedTime(started), StatusCodes.Status503ServiceUnavailable, PlacementFailure.BookingUnknown);
        return false;
    }

    // One attempt on one substation; returns whether the request is answered, and if not whether that one was full
    // (or refused it as late, which says nothing about room).
    private async Task<AttemptResult> ForwardAsync(
        HttpContext context, IReverseProxyFeature proxy, BufferedChargeRequest body, string id, double claimKw, BalancerOptions settings)
    {
        var destination = FindDestination(proxy, id);
        if (destination is null)
        {
            tracker.Complete(id, claimKw, admitted: false, reportedLoadKw: null);
            return new AttemptResult(Done: false, Full: false, RetryAfter: null); // removed by discovery meanwhile
        }

        metrics.Decision(id);
        using var attempt = BalancerTracing.Source.StartActivity("balancer.attempt");
        attempt?.SetTag("balancer.destination", id);
        proxy.AvailableDestinations = destination; // YARP's DestinationState is itself a list of one: no allocation
        context.Features.Set(new AttemptDeadline(time.GetUtcNow() + settings.ConnectTimeout + settings.ResponseTimeout));
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.Clear();
        body.Rewind();
        await next(context);

        var status = context.Response.StatusCode;
        var error = context.Features.Get<IForwarderErrorFeature>();
        var headers = context.Response.Headers;
        tracker.Complete(id, claimKw, admitted: status == StatusCodes.Status201Created, ReportedLoad.From(headers), ExpectedEnd(headers));
        attempt?.SetTag("http.response.status_code", status);
        if (error is not null && ForwardFailure.Classify(error) is { } reason)
        {
            metrics.ForwardFailed(id, reason);
            attempt?.SetTag("balancer.failure", reason).SetStatus(ActivityStatusCode.Error);
            if (tracker.MarkUnhealthy(id))
            {
                BalancerLog.ForwardFailed(logger, id, reason, error.Exception?.Message ?? error.Error.ToString());
            }

            return new AttemptResult(Done: context.Response.HasStarted || !ForwardFailure.BeforeResponse(error), Full: false, RetryAfter: null);
        }

        if (error is null && status == StatusCodes.Status503ServiceUnavailable && !context.Response.HasStarted)
        {
            if (headers[ChargingHeaders.Refusal] == SubstationRefusal.DeadlinePassed)
            {
                // It arrived late (a slow path) or the clocks are apart: nothing said about room, and nothing admitted
                // there, so the next substation may take it; counted apart from "full", which it is not.
                metrics.ForwardFailed(id, ForwardFailure.DeadlinePassed);
                attempt?.SetTag("balancer.failure", ForwardFailure.DeadlinePassed).SetStatus(ActivityStatusCode.Error);
                return new AttemptResult(Done: false, Full: false, RetryAfter: null, Late: true);
            }

            return new AttemptResult(Done: false, Full: true, RetryAfter: headers.RetryAfter.ToString() is { Length: > 0 } after ? after : null);
        }

        return new AttemptResult(Done: true, Full: false, RetryAfter: null);
    }

    private static DestinationState? FindDestination(IReverseProxyFeature proxy, string id)
    {
        foreach (var destination in proxy.AllDestinations)
        {
            if (destination.DestinationId == id)
            {
                return destination;
            }
        }

        return null;
    }

    private static DateTimeOffset? ExpectedEnd(IHeaderDictionary headers) =>
        headers.TryGetValue(ChargingHeaders.ExpectedEnd, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var end)
            ? end
            : null;

    private async Task WriteProblemAsync(HttpContext context, int status, string title, string detail, string? reason)
    {
        var retryAfter = context.Response.Headers.RetryAfter.ToString();
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfter.Length > 0)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        var problem = new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } };
        if (reason is not null)
        {
            problem.ProblemDetails.Extensions[PlacementFailure.Member] = reason;
        }

        await problems.WriteAsync(problem);
    }

    private readonly record struct AttemptResult(bool Done, bool Full, string? RetryAfter, bool Late = false);
}
