using GridAspire.Balancer.Discovery;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Balancer.Polling;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.TestHosts;

/// <summary>
/// A real balancer on Kestrel at 127.0.0.1, on a fake clock: its poll loop polls once at start and then waits for
/// time the test controls, so tests poll explicitly with <see cref="PollAsync"/> and never wait for a timer. A test of a
/// whole rush hour, where time must pass for the balancer as for the substations, asks for the real clock instead. So
/// does a test that forwards after real seconds have passed (a hung substation's timeout): the deadline the balancer
/// hands a substation is its frozen "now" plus one attempt, which a substation on the real clock finds long past.
/// </summary>
public sealed class BalancerHost : LoopbackAppFactory<LoadTracker>
{
    public BalancerHost(
        IReadOnlyDictionary<string, Uri> substations,
        string policy = "LeastLoad",
        Uri? dnsSubstations = null,
        IHostAddressResolver? resolver = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool realClock = false)
        : base(BalancerSettings(substations, policy, dnsSubstations, settings))
    {
        Resolver = resolver;
        _realClock = realClock;
        StartServer();
    }

    public const string AdminKey = "test-balancer-admin-key";

    private readonly bool _realClock;

    /// <summary>A client that presents the admin key.</summary>
    public HttpClient Admin()
    {
        var client = Http();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    // Starts at the real time: the deadline the balancer forwards is compared with the substations' real clocks.
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public IHostAddressResolver? Resolver { get; }

    public LoadTracker Tracker => Services.GetRequiredService<LoadTracker>();

    /// <summary>Discovers destinations and polls every one of them once.</summary>
    public async Task PollAsync()
    {
        await Services.GetRequiredService<DestinationDiscovery>().RefreshAsync(CancellationToken.None);
        await Services.GetRequiredService<MetricsPoller>().PollOnceAsync(CancellationToken.None);
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        if (!_realClock)
        {
            services.AddSingleton<TimeProvider>(Time);
        }

        if (Resolver is not null)
        {
            services.AddSingleton(Resolver);
        }
    }

    private static Dictionary<string, string?> BalancerSettings(
        IReadOnlyDictionary<string, Uri> substations, string policy, Uri? dnsSubstations, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Balancer:Policy"] = policy,
            ["Balancer:DnsSubstations"] = dnsSubstations?.ToString(),
            ["Balancer:AdminKey"] = AdminKey,
        };
        foreach (var (id, address) in substations)
        {
            settings[$"Balancer:Substations:{id}"] = address.ToString();
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
