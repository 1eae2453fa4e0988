using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridAspire.TestSupport;

/// <summary>
/// A service's real Program on Kestrel at a loopback address and a port chosen before start (so peers can be told
/// it in advance), configured from in-memory settings, logging only warnings.
/// </summary>
public abstract class LoopbackAppFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected LoopbackAppFactory(IReadOnlyDictionary<string, string?> settings, IPAddress? address = null, int? port = null)
    {
        address ??= IPAddress.Loopback;
        var bound = port ?? LoopbackPorts.Next(address);
        Address = new Uri($"http://{address}:{bound}");
        Settings = settings;
        UseKestrel(options => options.Listen(address, bound));
    }

    /// <summary>Base address.</summary>
    public Uri Address { get; }

    /// <summary>The configuration the service was started with.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>A client for the service, no credentials.</summary>
    public HttpClient Http() => new() { BaseAddress = Address };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(Settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(ConfigureTestServices);
    }

    /// <summary>Replaces services for the test (a fake clock, a fake resolver).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }
}
