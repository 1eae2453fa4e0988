using GridAspire.Balancer.Configuration;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// YARP's forwarding client with a connect timeout (<see cref="BalancerOptions.ConnectTimeout"/>): a substation that
/// is down or black-holed costs a bounded wait. The time to response headers is bounded by the cluster's activity
/// timeout (<see cref="BalancerOptions.ResponseTimeout"/>).
/// </summary>
public sealed class TimedForwarderHttpClientFactory(IOptions<BalancerOptions> options, ILogger<ForwarderHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    /// <inheritdoc/>
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = options.Value.ConnectTimeout;
    }
}
