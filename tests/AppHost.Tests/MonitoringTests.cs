using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridAspire.AppHost.Tests;

[Collection(SharedSystem.Name)]
public sealed class MonitoringTests(RunningSystem system)
{
    [Theory]
    [InlineData("--ASPIRE_CONTAINER_RUNTIME=gridaspire-no-such-runtime")]
    [InlineData("--Monitoring:Containers=false")]
    public async Task Without_a_container_runtime_the_app_model_has_no_monitoring_containers_and_nothing_else_changes(string setting)
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(["--launch-profile", "http", setting]);

        var names = appHost.Resources.Select(r => r.Name).ToList();

        Assert.DoesNotContain("prometheus", names);
        Assert.DoesNotContain("grafana", names);
        Assert.Contains("substation3", names);
        Assert.Contains("kv3", names);
    }

    [Fact]
    public async Task A_monitoring_setting_that_is_not_auto_true_or_false_stops_the_AppHost_with_its_name()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(["--launch-profile", "http", "--Monitoring:Containers=yes"]));

        Assert.Contains("Monitoring:Containers", error.ToString(), StringComparison.Ordinal);
    }

    [ContainerRuntimeFact]
    public async Task With_a_container_runtime_Prometheus_runs_in_a_container_and_scrapes_every_service()
    {
        using var deadline = new CancellationTokenSource(RunningSystem.StartupDeadline);
        try
        {
            await system.App.ResourceNotifications.WaitForResourceHealthyAsync("prometheus", deadline.Token);
        }
        catch (DistributedApplicationException ex)
        {
            // The resource's state, exit code and the container's own output say why (how 27a5c3c's cause was found).
            throw new InvalidOperationException($"{ex.Message}\n{await ResourceReportAsync("prometheus")}", ex);
        }

        using var prometheus = system.App.CreateHttpClient("prometheus", "http");
        // Every service but the causality explorer, a developer's tool (its telemetry goes to the dashboard over OTLP).
        var expected = system.Projects.Where(p => p is not "explorer").Order().ToList();

        List<string> up = [];
        while (!deadline.IsCancellationRequested)
        {
            using var targets = await prometheus.GetFromJsonAsync<JsonDocument>("/api/v1/targets", deadline.Token);
            up = targets!.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Where(t => t.GetProperty("health").GetString() == "up")
                .Select(t => t.GetProperty("labels").GetProperty("resource").GetString()!)
                .Order()
                .ToList();
            if (up.SequenceEqual(expected))
            {
                break;
            }

            // Prometheus scrapes every 5 s; poll its API until each target has been scraped once, within the deadline.
            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
        }

        Assert.Equal(expected, up);
        using var query = await prometheus.GetFromJsonAsync<JsonDocument>("/api/v1/query?query=substation_capacity_watts", deadline.Token);
        Assert.Equal(3, query!.RootElement.GetProperty("data").GetProperty("result").GetArrayLength());
    }

    // The resource's state, exit code and console output (the container's own log), for a failure message.
    private async Task<string> ResourceReportAsync(string resource)
    {
        var report = new System.Text.StringBuilder();
        if (system.App.ResourceNotifications.TryGetCurrentState(resource, out var current))
        {
            report.AppendLine($"{resource}: state {current.Snapshot.State?.Text}, exit code {current.Snapshot.ExitCode}");
        }

        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var logs = system.App.Services.GetRequiredService<ResourceLoggerService>();
            await foreach (var lines in logs.GetAllAsync(resource).WithCancellation(bounded.Token))
            {
                foreach (var line in lines)
                {
                    report.AppendLine(line.Content);
                }
            }
        }
        catch (OperationCanceledException)
        {
            report.AppendLine("(log read stopped after 5 s)");
        }

        return report.ToString();
    }
}
