using GridAspire.Balancer.Configuration;
using GridAspire.Balancer.Diagnostics;
using Microsoft.Extensions.Options;

namespace GridAspire.Balancer.Discovery;

/// <summary>
/// Expands <see cref="BalancerOptions.DnsSubstations"/> into one destination per address it resolves to, and
/// re-resolves it periodically, so scaling substations (compose replicas, a Kubernetes headless service) needs no
/// configuration change. Statically configured substations are always kept. A failed lookup keeps the last answer.
/// </summary>
public sealed class DestinationDiscovery(
    ProxyConfigPublisher publisher,
    IHostAddressResolver resolver,
    IOptionsMonitor<BalancerOptions> options,
    TimeProvider time,
    ILogger<DestinationDiscovery> logger) : BackgroundService
{
    private IReadOnlyDictionary<string, Uri> _lastResolved = new Dictionary<string, Uri>();

    /// <summary>Resolves once and publishes the result.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var destinations = new Dictionary<string, Uri>(settings.Substations);
        if (settings.DnsSubstations is { } dns)
        {
            try
            {
                var addresses = await resolver.ResolveAsync(dns.Host, cancellationToken);
                _lastResolved = addresses
                    .Distinct()
                    .ToDictionary(ip => $"{dns.Host}-{ip}", ip => new UriBuilder(dns.Scheme, ip.ToString(), dns.Port).Uri);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ArgumentException)
            {
                BalancerLog.DnsFailed(logger, dns.Host, ex.Message);
            }

            foreach (var (id, address) in _lastResolved)
            {
                destinations[id] = address;
            }
        }

        publisher.SetDestinations(destinations);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RefreshAsync(stoppingToken);
            if (options.CurrentValue.DnsSubstations is null)
            {
                return;
            }

            await Task.Delay(options.CurrentValue.DnsRefreshInterval, time, stoppingToken);
        }
    }
}
