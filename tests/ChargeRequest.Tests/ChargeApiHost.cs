using System.Net;
using GridAspire.ChargeRequest.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GridAspire.ChargeRequest.Tests;

/// <summary>The real charging API on Kestrel at 127.0.0.1, finding the balancer through service discovery configuration.</summary>
public sealed class ChargeApiHost : WebApplicationFactory<ChargeMetrics>
{
    private readonly Dictionary<string, string?> _settings;

    public ChargeApiHost(Uri balancer)
    {
        var port = LoopbackPorts.Next();
        Address = new Uri($"http://127.0.0.1:{port}");
        _settings = new() { ["services:balancer:http:0"] = balancer.ToString() };
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    public Uri Address { get; }

    public HttpClient Http() => new() { BaseAddress = Address };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
