using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Discovery;
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
        group.MapGet("/state", (LoadTracker tracker, ProxyConfigPublisher config, MetricsPoller poller) =>
            TypedResults.Ok(new BalancerStateResponse(config.Policy, poller.Interval, tracker.All()))).WithName("GetBalancerState");
        group.MapPut("/policy", SetPolicy).WithName("SetPolicy");
        return group;
    }

    private static Results<Ok<BalancerStateResponse>, ProblemHttpResult> SetPolicy(
        PolicyRequest? request, ProxyConfigPublisher config, LoadTracker tracker, MetricsPoller poller)
    {
        var policy = Policies.All.FirstOrDefault(p => string.Equals(p, request?.Policy, StringComparison.OrdinalIgnoreCase));
        if (policy is null)
        {
            return TypedResults.Problem(
                $"'policy' must be one of {string.Join(", ", Policies.All)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown policy");
        }

        if (request!.PollIntervalSeconds is { } seconds && seconds is not (>= 0.1 and <= 60))
        {
            return TypedResults.Problem(
                "'pollIntervalSeconds' must be between 0.1 and 60.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid poll interval");
        }

        config.SetPolicy(policy);
        if (request.PollIntervalSeconds is { } interval)
        {
            poller.IntervalOverride = TimeSpan.FromSeconds(interval);
        }

        return TypedResults.Ok(new BalancerStateResponse(config.Policy, poller.Interval, tracker.All()));
    }
}
