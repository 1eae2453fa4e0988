using System.Net;
using GridAspire.Balancer.Discovery;
using GridAspire.Balancer.LoadBalancing;
using GridAspire.Balancer.Polling;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GridAspire.Balancer.Tests;

/// <summary>
/// A real balancer on Kestrel at 127.0.0.1, on a fake clock: its poll loop polls once at start and then waits for
/// time the test controls, so tests poll explicitly with <see cref="PollAsync"/> and never wait for a timer.
/// </summary>
public sealed class BalancerHost : WebApplicationFactory<LoadTracker>
{
    private readonly Dictionary<string, string?> _settings;

    public BalancerHost(IReadOnlyDictionary<string, Uri> substations, string policy = "LeastLoad", Uri? dnsSubstations = null, IHostAddressResolver? resolver = null)
    {
        var port = LoopbackPorts.Next();
        Address = new Uri($"http://127.0.0.1:{port}");
        Resolver = resolver;
        _settings = new() { ["Balancer:Policy"] = policy, ["Balancer:DnsSubstations"] = dnsSubstations?.ToString() };
        foreach (var (id, address) in substations)
        {
            _settings[$"Balancer:Substations:{id}"] = address.ToString();
        }

        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    public Uri Address { get; }

    public FakeTimeProvider Time { get; } = new();

    public IHostAddressResolver? Resolver { get; }

    public LoadTracker Tracker => Services.GetRequiredService<LoadTracker>();

    public HttpClient Http() => new() { BaseAddress = Address };

    /// <summary>Discovers destinations and polls every one of them once.</summary>
    public async Task PollAsync()
    {
        await Services.GetRequiredService<DestinationDiscovery>().RefreshAsync(CancellationToken.None);
        await Services.GetRequiredService<MetricsPoller>().PollOnceAsync(CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            if (Resolver is not null)
            {
                services.AddSingleton(Resolver);
            }
        });
    }
}
