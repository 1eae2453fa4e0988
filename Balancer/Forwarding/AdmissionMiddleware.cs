using System.Text.Json;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.Discovery;
using GridAspire.Balancer.LoadBalancing;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// Runs before load balancing. Leaves only healthy destinations to the policy; reads how much power a request
/// asks for; sends session look-ups to the substation that owns the session; retries a charging request once on
/// the next best substation when the first was full or unreachable; and turns every way of failing into
/// 503 + Retry-After (never a 502), counting whether the rejection was avoidable.
/// </summary>
public sealed class AdmissionMiddleware(
    RequestDelegate next,
    LoadTracker tracker,
    BalancerMetrics metrics,
    IProblemDetailsService problems,
    IOptionsMonitor<BalancerOptions> options,
    ILogger<AdmissionMiddleware> logger)
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Handles one proxied request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var proxy = context.GetReverseProxyFeature();
        var healthy = proxy.AvailableDestinations.Where(d => tracker.IsHealthy(d.DestinationId)).ToList();
        if (proxy.Route.Config.RouteId == ProxyConfigPublisher.SessionRouteId)
        {
            await ToSessionOwnerAsync(context, proxy, healthy);
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var kw = await ReadDemandAsync(context);
        context.Features.Set(new ChargeDemand(kw));
        proxy.AvailableDestinations = healthy;
        var attempt = new AdmissionAttempt(canRetry: true);
        context.Features.Set(attempt);
        await next(context);

        if (attempt.ShouldRetry && !context.Response.HasStarted)
        {
            var remaining = healthy.Where(d => d.DestinationId != attempt.DestinationId && tracker.IsHealthy(d.DestinationId)).ToList();
            if (remaining.Count > 0)
            {
                BalancerLog.Retrying(logger, attempt.DestinationId ?? "?", kw);
                metrics.Retried();
                context.Response.Clear();
                context.Request.Body.Position = 0;
                context.Features.Set<IForwarderErrorFeature>(null);
                proxy.AvailableDestinations = remaining;
                attempt = new AdmissionAttempt(canRetry: false);
                context.Features.Set(attempt);
                await next(context);
            }
        }

        if (context.Response.StatusCode is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout)
        {
            var avoidable = tracker.All().Any(e => e.Healthy && e.HeadroomKw >= kw);
            metrics.Rejected(avoidable);
            BalancerLog.Rejected(logger, kw, avoidable ? "avoidable: a substation had headroom" : "grid full");
            await WriteUnavailableAsync(context, $"No substation could take {kw:0.#} kW now.");
        }

        metrics.Completed(System.Diagnostics.Stopwatch.GetElapsedTime(started), context.Response.StatusCode);
    }

    private async Task ToSessionOwnerAsync(HttpContext context, IReverseProxyFeature proxy, List<DestinationState> healthy)
    {
        var sessionId = context.Request.RouteValues["sessionId"]?.ToString() ?? "";
        var substationId = sessionId.Split('.')[0];
        var owner = tracker.DestinationOf(substationId);
        var destination = healthy.FirstOrDefault(d => d.DestinationId == owner);
        if (destination is null)
        {
            var known = owner is not null;
            context.Response.StatusCode = known ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status404NotFound;
            if (known)
            {
                await WriteUnavailableAsync(context, $"Substation {substationId} is not reachable now.");
                return;
            }

            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 404, Title = "Unknown session", Detail = $"No substation '{substationId}' owns session '{sessionId}'." },
            });
            return;
        }

        proxy.AvailableDestinations = [destination];
        await next(context);
    }

    private async Task<double> ReadDemandAsync(HttpContext context)
    {
        context.Request.EnableBuffering(bufferThreshold: MaxBodyBytes, bufferLimit: MaxBodyBytes);
        var fallback = options.CurrentValue.DefaultRequestKw;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("maxKw", out var maxKw)
                && maxKw.ValueKind == JsonValueKind.Number && maxKw.TryGetDouble(out var kw) && kw > 0 && double.IsFinite(kw)
                ? kw
                : fallback;
        }
        catch (JsonException)
        {
            return fallback; // the substation validates the body and answers 400
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }

    private async Task WriteUnavailableAsync(HttpContext context, string detail)
    {
        if (context.Response.HasStarted)
        {
            return; // the substation's own 503 (with its Retry-After) is already on its way
        }

        var retryAfter = context.Response.Headers.RetryAfter.ToString();
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = string.IsNullOrEmpty(retryAfter) ? "1" : retryAfter;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = 503, Title = "Grid full", Detail = detail },
        });
    }
}
