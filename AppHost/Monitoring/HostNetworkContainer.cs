using Microsoft.Extensions.DependencyInjection;

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
        var containerName = $"gridaspire-{name}";
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

        // A container left behind by an AppHost that was killed would hold the name: remove it first, and wait (10 s at
        // most) until it is gone. `rm --force` answers at once, without removing anything, while a removal of that
        // container is already in progress (the last one's `--rm`): starting then clashed on the name and failed.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource.Resource, async (starting, cancellationToken) =>
        {
            var time = starting.Services.GetService<TimeProvider>() ?? TimeProvider.System;
            await RunAsync(runtime, ["rm", "--force", containerName], cancellationToken);
            var since = time.GetTimestamp();
            while (time.GetElapsedTime(since) < TimeSpan.FromSeconds(10)
                && await RunAsync(runtime, ["container", "inspect", containerName], cancellationToken) == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
            }
        });
        return resource;
    }

    private static async Task<int> RunAsync(string runtime, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(runtime, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        if (process is null)
        {
            return -1;
        }

        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }
}
