using GridAspire.ChargeRequest.Diagnostics;

namespace GridAspire.ChargeRequest.Tests;

/// <summary>The real charging API on Kestrel at 127.0.0.1, finding the balancer through service discovery configuration.</summary>
public sealed class ChargeApiHost : LoopbackAppFactory<ChargeMetrics>
{
    public ChargeApiHost(Uri balancer)
        : base(new Dictionary<string, string?> { ["services:balancer:http:0"] = balancer.ToString() }) => StartServer();
}
