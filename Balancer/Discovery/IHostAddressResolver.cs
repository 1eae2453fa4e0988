using System.Net;

namespace GridAspire.Balancer.Discovery;

/// <summary>Resolves a host name to its addresses (DNS in production; a fixed table in tests).</summary>
public interface IHostAddressResolver
{
    /// <summary>Every address of <paramref name="host"/>.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
