using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GridAspire.LoadTester.Kv;

/// <summary>
/// The comparison point for the KV store: a bare ASP.NET endpoint that stores the body into a dictionary, no
/// clocks, no replication, no logs. Hosted by the tester on 127.0.0.1, so both are measured on the same machine.
/// </summary>
public sealed class DictionaryBaseline : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DictionaryBaseline(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Base address.</summary>
    public Uri Address { get; }

    /// <summary>Starts it on a free loopback port.</summary>
    public static async Task<DictionaryBaseline> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var store = new ConcurrentDictionary<string, string>();
        app.MapPut("/kv/{key}", async (string key, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            store[key] = await reader.ReadToEndAsync();
            return Results.Ok();
        });
        await app.StartAsync();
        return new DictionaryBaseline(app, new Uri(app.Urls.First()));
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
