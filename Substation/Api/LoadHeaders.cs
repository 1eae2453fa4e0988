using System.Globalization;
using GridAspire.Substation.Charging;

namespace GridAspire.Substation.Api;

/// <summary>
/// Puts the substation's load on every <c>/sessions</c> response, so a balancer learns the real load with every
/// admission instead of waiting for its next poll.
/// </summary>
public sealed class LoadHeaders(ChargingSessions sessions) : IEndpointFilter
{
    /// <summary>Current load in kW, after the request.</summary>
    public const string LoadHeader = "X-Substation-Load-Kw";

    /// <summary>Capacity in kW.</summary>
    public const string CapacityHeader = "X-Substation-Capacity-Kw";

    /// <summary>The substation's id.</summary>
    public const string IdHeader = "X-Substation-Id";

    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var load = sessions.Load();
        var headers = context.HttpContext.Response.Headers;
        headers[LoadHeader] = load.LoadKw.ToString("0.###", CultureInfo.InvariantCulture);
        headers[CapacityHeader] = load.CapacityKw.ToString("0.###", CultureInfo.InvariantCulture);
        headers[IdHeader] = sessions.SubstationId;
        return result;
    }
}
