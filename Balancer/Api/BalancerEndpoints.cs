using System.Globalization;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Balancer.Polling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Api;

/// <summary><c>/balancer</c>: the balancer's view of the grid, and the policy switch the load tester uses.</summary>
public static class BalancerEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapBalancerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/balancer").WithTags("Balancer");
        group.MapGet("/state", (LoadTracker tracker, PlacementPolicies policies, MetricsPoller poller, IOptions<BalancerOptions> options) =>
            TypedResults.Ok(BalancerStateResponse.From(options.Value.Replica, policies.Current.Name, poller.Interval, tracker.All()))).WithName("GetBalancerState");
        group.MapPut("/policy", SetPolicy).WithName("SetPolicy")
            .AddEndpointFilter(new BearerKeyFilter(services => services.GetRequiredService<IOptions<BalancerOptions>>().Value.AdminKey, "Balancer:AdminKey"))
            .WithSummary("Switches the placement policy (and optionally the poll interval) here and at every peer replica. Needs Balancer:AdminKey as a bearer token.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return group;
    }

    private static async Task<Results<Ok<BalancerStateResponse>, ProblemHttpResult>> SetPolicy(
        PolicyRequest? request, PlacementPolicies policies, LoadTracker tracker, MetricsPoller poller, PolicyPropagation propagation,
        IOptions<BalancerOptions> options, ILoggerFactory loggers, HttpContext http)
    {
        var (shortest, longest) = (TimeSpan.Parse(BalancerOptions.ShortestPollInterval, CultureInfo.InvariantCulture), TimeSpan.Parse(BalancerOptions.LongestPollInterval, CultureInfo.InvariantCulture));
        if (request?.PollIntervalSeconds is { } seconds && !(seconds >= shortest.TotalSeconds && seconds <= longest.TotalSeconds))
        {
            return TypedResults.Problem(
                $"'pollIntervalSeconds' must be between {shortest.TotalSeconds} and {longest.TotalSeconds} (as Balancer:PollInterval).",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid poll interval");
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
        var peers = await propagation.PassOnAsync(request, http.Request, http.RequestAborted);
        return TypedResults.Ok(BalancerStateResponse.From(options.Value.Replica, policies.Current.Name, poller.Interval, tracker.All()) with { Peers = peers });
    }
}
