using GridAspire.Balancer.Discovery;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Balancer.Polling;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.TestHosts;

/// <summary>
/// A real balancer on Kestrel at 127.0.0.1, on a clock the test controls: its poll loop polls once at start and then
/// waits for time the test advances (<see cref="Time"/>), so tests poll explicitly with <see cref="PollAsync"/> and never
/// wait for a timer. Its time of day never falls behind the machine's (<see cref="WallClockNeverBehind"/>): the deadline
/// it hands a substation is read on the substation's real clock. A test of a whole rush hour, where time must pass for
/// the balancer as for the substations, asks for the real clock instead.
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

    /// <summary>The balancer's timers and timestamps: they move when the test advances this.</summary>
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
            services.AddSingleton<TimeProvider>(new WallClockNeverBehind(Time));
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
