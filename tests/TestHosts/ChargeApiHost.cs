using GridAspire.ChargeRequest.Diagnostics;

namespace GridAspire.TestHosts;

/// <summary>The real charging API on Kestrel at 127.0.0.1, finding the balancer through service discovery configuration.</summary>
public sealed class ChargeApiHost : LoopbackAppFactory<ChargeMetrics>
{
    public ChargeApiHost(Uri balancer, IReadOnlyDictionary<string, string?>? settings = null)
        : base(WithDefaults(balancer, settings)) => StartServer();

    private static Dictionary<string, string?> WithDefaults(Uri balancer, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?> { ["services:balancer:http:0"] = balancer.ToString() };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
