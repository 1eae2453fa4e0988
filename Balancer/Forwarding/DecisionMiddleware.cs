using System.Globalization;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.Discovery;
using GridAspire.Balancer.LoadBalancing;
using Yarp.ReverseProxy.Forwarder;

namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// Runs after load balancing, around the forwarder. Reserves the request's kW on the chosen destination while it
/// is in flight (so concurrent picks see it), records the outcome (admitted, full, load piggybacked on the
/// response) and marks the destination unhealthy at once on a transport failure (passive health).
/// The span it opens carries the decision: the chosen substation and the loads it was compared with.
/// </summary>
public sealed class DecisionMiddleware(RequestDelegate next, LoadTracker tracker, ProxyConfigPublisher config, ILogger<DecisionMiddleware> logger)
{
    /// <summary>The header substations put their load in.</summary>
    public const string LoadHeader = "X-Substation-Load-Kw";

    /// <summary>The header with an admitted session's expected end (RFC 3339).</summary>
    public const string ExpectedEndHeader = "X-Session-Expected-End";

    /// <summary>Handles one proxied request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var proxy = context.GetReverseProxyFeature();
        var chosen = proxy.AvailableDestinations.Count > 0 ? proxy.AvailableDestinations[0].DestinationId : null;
        var attempt = context.Features.Get<AdmissionAttempt>();
        if (chosen is null)
        {
            await next(context); // the forwarder answers 503: nothing could take the request
            return;
        }

        var kw = context.Features.Get<ChargeDemand>()?.Kw ?? 0;
        using var activity = BalancerTracing.Source.StartActivity("balancer.route");
        activity?.SetTag("balancer.policy", config.Policy)
            .SetTag("balancer.destination", chosen)
            .SetTag("balancer.request_kw", kw)
            .SetTag("balancer.loads", string.Join(", ", tracker.All().Select(e =>
                string.Create(CultureInfo.InvariantCulture, $"{e.DestinationId}={e.EstimatedLoadKw:0.#}/{e.CapacityKw:0.#}{(e.Healthy ? "" : " unhealthy")}"))));
        if (attempt is not null)
        {
            attempt.DestinationId = chosen;
        }

        tracker.Reserve(chosen, kw);
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is not null && error.Error is not ForwarderError.None and not ForwarderError.RequestCanceled)
            {
                tracker.MarkUnhealthy(chosen);
                BalancerLog.TransportFailure(logger, chosen, error.Error.ToString());
            }

            var reported = double.TryParse(context.Response.Headers[LoadHeader], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
                ? load
                : (double?)null;
            var expectedEnd = DateTimeOffset.TryParse(context.Response.Headers[ExpectedEndHeader], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var end)
                ? end
                : (DateTimeOffset?)null;
            tracker.Complete(chosen, kw, admitted: status == StatusCodes.Status201Created, reported, expectedEnd);
            if (attempt is { CanRetry: true })
            {
                // Full, or never reached (connection refused): safe to try elsewhere. A timeout is not retried,
                // since the substation may have admitted the vehicle.
                attempt.ShouldRetry = (error is null && status == StatusCodes.Status503ServiceUnavailable)
                    || error?.Error is ForwarderError.Request;
            }

            activity?.SetTag("http.response.status_code", status);
        }
    }
}
