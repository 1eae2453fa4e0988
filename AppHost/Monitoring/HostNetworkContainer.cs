using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridAspire.AppHost.Monitoring;

internal static class HostNetworkContainer
{
    /// <summary>
    /// Runs <paramref name="image"/> as <c>&lt;runtime&gt; run --rm --network host</c>, an executable resource with one
    /// loopback HTTP endpoint on <paramref name="port"/> (the port actually allocated is handed to the container through <paramref name="environment"/> and
    /// <paramref name="arguments"/>) and a health check on <paramref name="healthPath"/>.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddHostNetworkContainer(
        this IDistributedApplicationBuilder builder,
        string name,
        string runtime,
        string image,
        int port,
        string healthPath,
        IReadOnlyList<string> mounts,
        Func<EndpointReferenceExpression, IReadOnlyList<object>> environment,
        Func<EndpointReferenceExpression, IReadOnlyList<object>> arguments)
    {
        // Named and labelled per AppHost run: the clean-up below removes containers of earlier runs only, never this run's
        // own. It runs when the resource starts, which is not always before the container does: with one fixed name,
        // its `rm --force` killed the container it was meant to make room for (CI: exit 137 three seconds after start).
        var run = Guid.NewGuid().ToString("N")[..8];
        var containerName = $"gridaspire-{name}-{run}";
        var resource = builder.AddExecutable(name, runtime, builder.AppHostDirectory)
            .WithHttpEndpoint(name: "http", port: port, isProxied: false)
            .WithHttpHealthCheck(healthPath);
        var allocated = resource.GetEndpoint("http").Property(EndpointProperty.Port);
        resource.WithArgs(context =>
        {
            context.Args.Add("run");
            context.Args.Add("--rm");
            context.Args.Add("--name");
            context.Args.Add(containerName);
            context.Args.Add("--label");
            context.Args.Add($"{ContainerLabel}={name}");
            context.Args.Add("--label");
            context.Args.Add($"{RunLabel}={run}");
            context.Args.Add("--network");
            context.Args.Add("host");
            foreach (var mount in mounts)
            {
                context.Args.Add("--volume");
                context.Args.Add(mount);
            }

            foreach (var variable in environment(allocated))
            {
                context.Args.Add("--env");
                context.Args.Add(variable);
            }

            context.Args.Add(image);
            foreach (var argument in arguments(allocated))
            {
                context.Args.Add(argument);
            }
        });

        // A container left behind by an AppHost that was killed would still hold the port (host network): remove those of
        // other runs, and wait until they are gone.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource.Resource, async (starting, stopping) =>
        {
            // A runtime that does not answer costs at most this; the container then starts (or fails) on its own.
            var limit = TimeSpan.FromSeconds(15);
            var time = starting.Services.GetService<TimeProvider>() ?? TimeProvider.System;
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            bounded.CancelAfter(limit);
            try
            {
                await RemoveLeftoversAsync(runtime, name, run, time, bounded.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                var logger = starting.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostNetworkContainer));
                MonitoringLog.LeftoversNotRemoved(logger, runtime, name, limit);
            }
        });
        return resource;
    }

    private static async Task RemoveLeftoversAsync(string runtime, string name, string run, TimeProvider time, CancellationToken cancellationToken)
    {
        var leftovers = await LeftoversAsync(runtime, name, run, cancellationToken);
        if (leftovers.Count == 0)
        {
            return;
        }

        await RunAsync(runtime, ["rm", "--force", .. leftovers], cancellationToken);
        while ((await LeftoversAsync(runtime, name, run, cancellationToken)).Count > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken); // bounded by the caller
        }
    }

    /// <summary>The label naming which monitoring container a container is (<c>prometheus</c>, <c>grafana</c>).</summary>
    public const string ContainerLabel = "gridaspire.container";

    /// <summary>The label naming the AppHost run that started a container.</summary>
    public const string RunLabel = "gridaspire.run";

    // The ids of containers of this kind that another run started (running, exited or being removed).
    private static async Task<IReadOnlyList<string>> LeftoversAsync(string runtime, string name, string run, CancellationToken cancellationToken)
    {
        var (_, output) = await RunAsync(
            runtime, ["ps", "--all", "--filter", $"label={ContainerLabel}={name}", "--format", $"{{{{.ID}}}} {{{{.Label \"{RunLabel}\"}}}}"], cancellationToken);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 1 || parts[1] != run)
            .Select(parts => parts[0])];
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string runtime, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(runtime, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        if (process is null)
        {
            return (-1, "");
        }

        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, output);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // a runtime that hangs is not left waiting behind us
            }

            throw;
        }
    }
}
