using System.Globalization;
using GridAspire.Contracts.Charging;
using GridAspire.Substation.Charging;
using GridAspire.Substation.Configuration;

namespace GridAspire.Substation.Api;

/// <summary>
/// Puts the substation's load on every <c>/sessions</c> response, so a balancer learns the real load with every
/// admission instead of waiting for its next poll.
/// </summary>
public sealed class LoadHeaders(ChargingSessions sessions) : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var load = sessions.Load();
        var headers = context.HttpContext.Response.Headers;
        headers[ChargingHeaders.LoadKw] = load.LoadKw.ToString("0.###", CultureInfo.InvariantCulture);
        headers[ChargingHeaders.CapacityKw] = load.CapacityKw.ToString("0.###", CultureInfo.InvariantCulture);
        if (sessions.Allocation == AllocationMode.Shared)
        {
            headers[ChargingHeaders.PromisedKw] = load.PromisedMinKw.ToString("0.###", CultureInfo.InvariantCulture);
        }
        return result;
    }
}
