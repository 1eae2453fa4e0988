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

    /// <summary>The replicas' base addresses, starting at the next in turn.</summary>
    public async ValueTask<IReadOnlyList<Uri>> InTurnAsync(CancellationToken cancellationToken)
    {
        var source = await resolver.GetEndpointsAsync(ServiceUri, cancellationToken);
        var all = source.Endpoints.Select(e => AddressOf(e.EndPoint)).Where(a => a is not null).Select(a => a!).ToArray();
        if (all.Length <= 1)
        {
            return all;
        }

        var first = (int)((uint)Interlocked.Increment(ref _next) % (uint)all.Length);
        return [.. all[first..], .. all[..first]];
    }

    private static Uri? AddressOf(EndPoint endPoint) => endPoint switch
    {
        UriEndPoint uri => uri.Uri,
        DnsEndPoint dns => new UriBuilder(Uri.UriSchemeHttp, dns.Host, dns.Port).Uri,
        IPEndPoint ip => new UriBuilder(Uri.UriSchemeHttp, ip.Address.ToString(), ip.Port).Uri,
        _ => null,
    };
}
