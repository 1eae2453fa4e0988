using System.Globalization;
using GridAspire.Balancer.Discovery;
using GridAspire.Contracts.Charging;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace GridAspire.Balancer.Forwarding;

/// <summary>What the balancer changes on the way through, for the admission route only.</summary>
public static class ForwardingTransforms
{
    /// <summary>Adds the transforms.</summary>
    public static void Apply(TransformBuilderContext builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Route.RouteId != ProxyConfigPublisher.AdmitRouteId)
        {
            return;
        }

        builder.AddRequestTransform(context =>
        {
            if (context.HttpContext.Features.Get<AttemptDeadline>() is { } deadline)
            {
                context.ProxyRequest.Headers.TryAddWithoutValidation(
                    ChargingHeaders.Deadline, deadline.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            }

            return ValueTask.CompletedTask;
        });

        // A substation's 503 (full) is not passed on: the body is held back, so the response has not started, the
        // request can go to the next substation, and if none takes it the balancer answers for the whole grid.
        builder.AddResponseTransform(context =>
        {
            if (context.ProxyResponse?.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                context.SuppressResponseBody = true;
            }

            return ValueTask.CompletedTask;
        });
    }
}
