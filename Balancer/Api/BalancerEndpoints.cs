using GridAspire.Balancer.LoadBalancing;
using GridAspire.Balancer.Polling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridAspire.Balancer.Api;

/// <summary><c>/balancer</c>: the balancer's view of the grid, and the policy switch the load tester uses.</summary>
public static class BalancerEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapBalancerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/balancer").WithTags("Balancer");
        group.MapGet("/state", (LoadTracker tracker, PlacementPolicies policies, MetricsPoller poller) =>
            TypedResults.Ok(new BalancerStateResponse(policies.Current.Name, poller.Interval, tracker.All()))).WithName("GetBalancerState");
        group.MapPut("/policy", SetPolicy).WithName("SetPolicy");
        return group;
    }

    private static Results<Ok<BalancerStateResponse>, ProblemHttpResult> SetPolicy(
        PolicyRequest? request, PlacementPolicies policies, LoadTracker tracker, MetricsPoller poller, ILoggerFactory loggers)
    {
        if (request?.PollIntervalSeconds is { } seconds && seconds is not (>= 0.1 and <= 60))
        {
            return TypedResults.Problem(
                "'pollIntervalSeconds' must be between 0.1 and 60.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid poll interval");
        }

        if (!policies.TrySelect(request?.Policy))
        {
            return TypedResults.Problem(
                $"'policy' must be one of {string.Join(", ", policies.Names)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown policy");
        }

        if (request!.PollIntervalSeconds is { } interval)
        {
            poller.IntervalOverride = TimeSpan.FromSeconds(interval);
        }

        Diagnostics.BalancerLog.PolicyChanged(loggers.CreateLogger(typeof(BalancerEndpoints)), policies.Current.Name);
        return TypedResults.Ok(new BalancerStateResponse(policies.Current.Name, poller.Interval, tracker.All()));
    }
}
