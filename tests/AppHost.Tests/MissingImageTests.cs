using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;

namespace GridAspire.AppHost.Tests;

/// <summary>
/// A monitoring image the container runtime would have to pull is named in the AppHost's own log at start, as a
/// warning, before anything runs: without a registry the pull fails and the dashboard alone would only show red.
/// </summary>
public sealed class MissingImageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gridaspire-runtime-").FullName;

    [Fact]
    public async Task A_runtime_that_answers_but_lacks_an_image_gets_a_warning_naming_the_image()
    {
        // A stand-in runtime: answers `info`, knows the Prometheus image, lacks Grafana's.
        var runtime = Path.Combine(_directory, "fake-runtime");
        await File.WriteAllTextAsync(runtime, """
            #!/bin/sh
            case "$1 $2" in
              info*) echo 27.0 ;;
              "image inspect") case "$*" in *prom/prometheus:*) echo sha256:1 ;; *) exit 1 ;; esac ;;
              *) exit 1 ;;
            esac
            """.Replace("\r", "", StringComparison.Ordinal));
        if (OperatingSystem.IsWindows())
        {
            return; // The stand-in is a shell script.
        }

        File.SetUnixFileMode(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(
            ["--launch-profile", "http", $"--ASPIRE_CONTAINER_RUNTIME={runtime}"]);
        builder.Services.AddFakeLogging();
        await using var app = await builder.BuildAsync();

        // Only the start-up event, not the start: nothing runs.
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        await app.Services.GetRequiredService<IDistributedApplicationEventing>().PublishAsync(new BeforeStartEvent(app.Services, model));

        var warnings = app.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message)
            .Distinct() // The testing host hands each record to its fake logger twice.
            .ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("grafana/grafana:", warning, StringComparison.Ordinal);
        Assert.Contains("not on this machine", warning, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
