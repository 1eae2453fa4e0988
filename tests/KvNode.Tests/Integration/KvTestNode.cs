using System.Net;
using System.Net.Http.Headers;
using GridAspire.KvNode.Node;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>One real KV node: the real Program on Kestrel, bound to 127.0.0.1 on a port chosen before start.</summary>
public sealed class KvTestNode : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public KvTestNode(string nodeId, int port, IReadOnlyDictionary<string, string?> settings)
    {
        NodeId = nodeId;
        Address = new Uri($"http://127.0.0.1:{port}");
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    public string NodeId { get; }

    /// <summary>The configuration the node was started with (to restart it alike).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    public Uri Address { get; }

    /// <summary>The node's in-process state, for event-driven waits (never for asserting what HTTP should show).</summary>
    public CausalNode Node => Services.GetRequiredService<CausalNode>();

    /// <summary>A plain client with no credentials.</summary>
    public HttpClient Http() => new() { BaseAddress = Address };

    /// <summary>A client that presents the cluster key.</summary>
    public HttpClient Admin()
    {
        var client = Http();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KvCluster.ClusterKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
