using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// A substation's 503 (full) on a first attempt is not passed to the client yet: its body is held back so the
/// response has not started and the request can be retried on the next best substation.
/// </summary>
public static class HoldBackFullResponses
{
    /// <summary>Adds the response transform to every route.</summary>
    public static void Apply(TransformBuilderContext builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddResponseTransform(context =>
        {
            if (context.ProxyResponse?.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable
                && context.HttpContext.Features.Get<AdmissionAttempt>() is { CanRetry: true })
            {
                context.SuppressResponseBody = true;
            }

            return ValueTask.CompletedTask;
        });
    }
}
