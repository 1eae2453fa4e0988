using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace GridAspire.AppHost.Tests;

/// <summary>The whole system, started once from the real AppHost (http profile) for the tests that share it.</summary>
public sealed class RunningSystem : IAsyncLifetime
{
    public static readonly TimeSpan StartupDeadline = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    public IReadOnlyList<string> Projects { get; private set; } = [];

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartupDeadline);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(["--launch-profile", "http"], cts.Token);
        // The load tester is started by hand from the dashboard; everything else must come up on its own.
        Projects = appHost.Resources.OfType<ProjectResource>().Select(r => r.Name).Where(n => n != "loadtester").Order().ToList();
        App = await appHost.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        foreach (var name in Projects)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, cts.Token);
        }
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
