using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using GridAspire.Balancer.LoadBalancing;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace GridAspire.Balancer.Discovery;

/// <summary>
/// Owns the YARP configuration: one cluster of substations behind two routes (admit a session; reach an existing
/// session's substation), with the response timeout as its activity timeout. Republishes it when the destinations
/// change (DNS). Which substation a request goes to is decided by the balancer's own pipeline, not by YARP's load
/// balancing, so choosing and reserving can be one step.
/// </summary>
public sealed class ProxyConfigPublisher
{
    /// <summary>The substations' cluster.</summary>
    public const string ClusterId = "substations";

    /// <summary><c>POST /sessions</c>: placed by the placement policy.</summary>
    public const string AdmitRouteId = "admit";

    /// <summary><c>GET|DELETE /sessions/{sessionId}</c>: sent to the substation that owns the session.</summary>
    public const string SessionRouteId = "session";

    private static readonly IReadOnlyList<RouteConfig> Routes =
    [
        new RouteConfig { RouteId = AdmitRouteId, ClusterId = ClusterId, Match = new RouteMatch { Path = "/sessions", Methods = ["POST"] } },
        new RouteConfig { RouteId = SessionRouteId, ClusterId = ClusterId, Match = new RouteMatch { Path = "/sessions/{sessionId}", Methods = ["GET", "DELETE"] } },
    ];

    private readonly Lock _gate = new();
    private readonly InMemoryConfigProvider _provider;
    private readonly LoadTracker _tracker;
    private readonly ForwarderRequestConfig _requestConfig;
    private readonly ILogger<ProxyConfigPublisher> _logger;
    private Dictionary<string, Uri> _destinations = [];

    /// <summary>Publishes the statically configured substations.</summary>
    public ProxyConfigPublisher(
        InMemoryConfigProvider provider, LoadTracker tracker, IOptions<BalancerOptions> options, ILogger<ProxyConfigPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _provider = provider;
        _tracker = tracker;
        _logger = logger;
        _requestConfig = new ForwarderRequestConfig { ActivityTimeout = options.Value.ResponseTimeout };
        SetDestinations(options.Value.Substations);
    }

    /// <summary>Replaces the destinations if they changed.</summary>
    public void SetDestinations(IReadOnlyDictionary<string, Uri> destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        lock (_gate)
        {
            if (destinations.Count == _destinations.Count && destinations.All(d => _destinations.TryGetValue(d.Key, out var a) && a == d.Value))
            {
                return;
            }

            _destinations = destinations.ToDictionary();
            _tracker.SetDestinations(_destinations);
            _provider.Update(Routes, [new ClusterConfig
            {
                ClusterId = ClusterId,
                HttpRequest = _requestConfig,
                Destinations = _destinations.ToDictionary(d => d.Key, d => new DestinationConfig { Address = d.Value.ToString() }),
            }]);
        }

        BalancerLog.DestinationsChanged(_logger, string.Join(", ", destinations.Select(d => $"{d.Key}={d.Value}")));
    }
}
