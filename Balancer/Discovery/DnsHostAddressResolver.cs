using System.Net;

namespace GridAspire.Balancer.Discovery;

/// <summary>The system resolver (hosts file, then DNS), as containers and Kubernetes services are found.</summary>
public sealed class DnsHostAddressResolver : IHostAddressResolver
{
    /// <inheritdoc/>
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
