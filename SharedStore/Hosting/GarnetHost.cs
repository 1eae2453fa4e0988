using System.Net;
using Garnet;
using Garnet.server;
using Garnet.server.Auth.Settings;
using GridAspire.SharedStore.Configuration;
using Microsoft.Extensions.Options;

namespace GridAspire.SharedStore.Hosting;

/// <summary>
/// Runs Microsoft Garnet, a Redis-compatible server written in .NET, inside this process: the store needs only the .NET
/// SDK locally and is one more image in compose and Kubernetes. Memory only (no checkpoints): it keeps short-lived
/// records that a restart may lose (idempotency records; a client retrying after the store restarted books again,
/// as it would after the record expired).
/// </summary>
public sealed class GarnetHost(IOptions<SharedStoreOptions> options, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private GarnetServer? _server;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var garnet = new GarnetServerOptions
        {
            EndPoints = [new IPEndPoint(IPAddress.Parse(settings.Bind), settings.Port)],
            AuthSettings = new PasswordAuthenticationSettings(settings.Password),
            QuietMode = true,
        };
        _server = new GarnetServer(garnet, loggers);
        _server.Start();
        SharedStoreLog.Listening(loggers.CreateLogger<GarnetHost>(), settings.Bind, settings.Port);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            _server?.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // Garnet 2.2's epoch table is shared by the servers of a process; the second one stopped in a process (tests
            // start several) finds it disposed. Nothing is left to release then.
        }

        _server = null;
    }
}
