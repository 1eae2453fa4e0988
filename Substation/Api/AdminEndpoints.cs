using GridAspire.Substation.Charging;
using GridAspire.Substation.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridAspire.Substation.Api;

/// <summary><c>/admin</c>: operator endpoints, guarded by <c>Substation:AdminKey</c>.</summary>
public static class AdminEndpoints
{
    /// <summary>Maps <c>PUT /admin/allocation</c>.</summary>
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin").WithTags("Administration")
            .AddEndpointFilter(new BearerKeyFilter(services => services.GetRequiredService<IOptions<SubstationOptions>>().Value.AdminKey, "Substation:AdminKey"));
        group.MapPut("/allocation", Switch)
            .WithSummary("Switches between Fixed and Shared allocation while no vehicle charges (409 otherwise).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static Results<Ok<AllocationRequest>, ProblemHttpResult> Switch(AllocationRequest? request, ChargingSessions sessions, ILoggerFactory loggers)
    {
        // By name only: Enum.TryParse would also take "1".
        if (!Enum.GetNames<AllocationMode>().Contains(request?.Allocation) || !Enum.TryParse<AllocationMode>(request!.Allocation, out var mode))
        {
            return TypedResults.Problem("allocation must be 'Fixed' or 'Shared'.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid allocation");
        }

        if (!sessions.TrySwitchAllocation(mode))
        {
            return TypedResults.Problem(
                "Vehicles are charging; a session keeps the promise it was admitted with. Switch when the substation is idle.",
                statusCode: StatusCodes.Status409Conflict, title: "Substation busy");
        }

        Diagnostics.SubstationLog.AllocationSwitched(loggers.CreateLogger(typeof(AdminEndpoints)), sessions.SubstationId, mode.ToString());
        return TypedResults.Ok(new AllocationRequest(mode.ToString()));
    }
}
