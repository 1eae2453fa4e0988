using System.Net;
using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Discovery;
using GridAspire.Balancer.LoadBalancing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Configuration;

namespace GridAspire.Balancer.Tests;

public sealed class DestinationDiscoveryTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeResolver _resolver = new();
    private readonly InMemoryConfigProvider _proxyConfig = new([], []);
    private readonly BalancerOptions _options = new()
    {
        DnsSubstations = new Uri("http://substation:8080"),
        Substations = new() { ["fixed"] = new Uri("http://127.0.0.9:9000") },
    };

    [Fact]
    public async Task A_name_with_three_addresses_becomes_three_destinations_plus_the_fixed_ones()
    {
        _resolver.Names["substation"] = [Ip("127.0.0.2"), Ip("127.0.0.3"), Ip("127.0.0.4")];
        var discovery = Create();

        await discovery.RefreshAsync(CancellationToken.None);

        var destinations = Destinations();
        Assert.Equal(4, destinations.Count);
        Assert.Equal("http://127.0.0.3:8080/", destinations["substation-127.0.0.3"].Address);
        Assert.Contains("fixed", destinations.Keys);
    }

    [Fact]
    public async Task Scaling_is_picked_up_on_the_next_refresh_and_a_failed_lookup_keeps_the_last_answer()
    {
        _resolver.Names["substation"] = [Ip("127.0.0.2")];
        var discovery = Create();
        await discovery.RefreshAsync(CancellationToken.None);

        _resolver.Names["substation"] = [Ip("127.0.0.2"), Ip("127.0.0.5")];
        await discovery.RefreshAsync(CancellationToken.None);
        Assert.Equal(3, Destinations().Count);

        _resolver.Fail = true;
        await discovery.RefreshAsync(CancellationToken.None);
        Assert.Equal(3, Destinations().Count);
    }

    private IReadOnlyDictionary<string, DestinationConfig> Destinations() =>
        _proxyConfig.GetConfig().Clusters.Single().Destinations!;

    private DestinationDiscovery Create()
    {
        var monitor = new TrackerFixtureOptions(_options);
        var tracker = new LoadTracker(_time, monitor);
        var publisher = new ProxyConfigPublisher(_proxyConfig, tracker, Options.Create(_options), NullLogger<ProxyConfigPublisher>.Instance);
        return new DestinationDiscovery(publisher, _resolver, monitor, _time, NullLogger<DestinationDiscovery>.Instance);
    }

    private static IPAddress Ip(string text) => IPAddress.Parse(text);
}
