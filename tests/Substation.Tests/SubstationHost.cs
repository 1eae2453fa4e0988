using System.Net;
using GridAspire.Substation.Charging;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GridAspire.Substation.Tests;

/// <summary>A real substation on Kestrel at a loopback address (127.0.0.1 unless told otherwise).</summary>
public sealed class SubstationHost : WebApplicationFactory<ChargingSessions>
{
    private readonly Dictionary<string, string?> _settings;

    public SubstationHost(string id, double capacityKw, double speed = 1, IPAddress? address = null, int? port = null)
    {
        address ??= IPAddress.Loopback;
        var boundPort = port ?? LoopbackPorts.Next(address);
        Address = new Uri($"http://{address}:{boundPort}");
        _settings = new()
        {
            ["Substation:Id"] = id,
            ["Substation:CapacityKw"] = capacityKw.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Simulation:Speed"] = speed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        UseKestrel(options => options.Listen(address, boundPort));
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
