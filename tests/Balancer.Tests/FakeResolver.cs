using System.Net;
using System.Net.Sockets;
using GridAspire.Balancer.Discovery;

namespace GridAspire.Balancer.Tests;

/// <summary>A DNS stand-in: names map to loopback addresses the tests choose.</summary>
internal sealed class FakeResolver : IHostAddressResolver
{
    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Fail { get; set; }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Fail || !Names.TryGetValue(host, out var addresses)
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(addresses);
}
