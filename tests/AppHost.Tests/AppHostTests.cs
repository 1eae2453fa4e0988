using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace GridAspire.AppHost.Tests;

public sealed class AppHostTests
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Every_resource_of_the_whole_system_becomes_healthy()
    {
        using var cts = new CancellationTokenSource(StartupDeadline);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--launch-profile", "http"], cts.Token);
        await using var app = await appHost.BuildAsync(cts.Token);
        var projects = appHost.Resources.OfType<ProjectResource>().Select(r => r.Name).ToList();

        await app.StartAsync(cts.Token);
        foreach (var name in projects)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, cts.Token);
        }

        Assert.Equal(
            ["balancer", "chargerequest", "kv1", "kv2", "kv3", "substation1", "substation2", "substation3"],
            projects.Order());
        using var http = app.CreateHttpClient("chargerequest");
        using var response = await http.GetAsync("/health", cts.Token);
        Assert.True(response.IsSuccessStatusCode);
    }
}
