using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>
/// Every balancer replica service discovery knows under <c>http://balancer</c> (<c>services:balancer:http:0</c>,
/// <c>:1</c>, ... or DNS), in an order that starts one further on each call: requests spread over the replicas, and
/// each request has the others to fail over to.
/// </summary>
public sealed class BalancerReplicas(ServiceEndpointResolver resolver)
{
    /// <summary>Name the balancers are discovered by.</summary>
    public const string ServiceUri = "http://balancer";

    private int _next = -1;
    private (ServiceEndpointSource Source, Uri[] Addresses)? _resolved; // the addresses of the last source seen

    /// <summary>
    /// The replicas, starting at the next in turn. Per request this costs a look-up of the resolver's cached source;
    /// the addresses are worked out again only when the source changes.
    /// </summary>
    public async ValueTask<BalancerTurn> InTurnAsync(CancellationToken cancellationToken)
    {
        var source = await resolver.GetEndpointsAsync(ServiceUri, cancellationToken);
        var resolved = _resolved;
        if (resolved is not { } known || !ReferenceEquals(known.Source, source))
        {
            known = (source, source.Endpoints.Select(e => AddressOf(e.EndPoint)).OfType<Uri>().ToArray());
            _resolved = known;
        }

        var addresses = known.Addresses;
        return new BalancerTurn(addresses, addresses.Length <= 1 ? 0 : (int)((uint)Interlocked.Increment(ref _next) % (uint)addresses.Length));
    }

    private static Uri? AddressOf(EndPoint endPoint) => endPoint switch
    {
        UriEndPoint uri => uri.Uri,
        DnsEndPoint dns => new UriBuilder(Uri.UriSchemeHttp, dns.Host, dns.Port).Uri,
        IPEndPoint ip => new UriBuilder(Uri.UriSchemeHttp, ip.Address.ToString(), ip.Port).Uri,
        _ => null,
    };
}
