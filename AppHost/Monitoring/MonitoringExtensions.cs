using GridAspire.AppHost.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridAspire.AppHost.Monitoring;

internal static class MonitoringExtensions
{
    private const string PrometheusImage = "prom/prometheus";
    private const string PrometheusTag = "v3.5.0";
    private const string GrafanaImage = "grafana/grafana";
    private const string GrafanaTag = "12.1.0";

    /// <summary>
    /// For compose: Prometheus (scraping every substation replica, the balancer and the KV nodes by service name) and
    /// Grafana with the provisioned GridAspire dashboard, from the files under <c>monitoring/</c>.
    /// </summary>
    public static IDistributedApplicationBuilder AddMonitoring(this IDistributedApplicationBuilder builder)
    {
        var monitoring = MonitoringDirectory(builder);
        var prometheus = builder.AddContainer("prometheus", PrometheusImage, PrometheusTag)
            .WithBindMount(Path.Combine(monitoring, "prometheus", "prometheus.yml"), "/etc/prometheus/prometheus.yml", isReadOnly: true)
            .WithHttpEndpoint(port: 9090, targetPort: 9090, name: "http")
            .WithExternalHttpEndpoints();
        // Behind a profile: `docker-compose up -d` must succeed on a machine that has every image but Grafana's
        // (which has no offline stand-in); `--profile grafana` adds it where it can be pulled.
        builder.AddGrafana(monitoring, ReferenceExpression.Create($"http://prometheus:9090"))
            .WithHttpEndpoint(port: 3000, targetPort: 3000, name: "http")
            .WithExternalHttpEndpoints()
            .WithComposeProfile("grafana")
            .WaitFor(prometheus);
        return builder;
    }

    /// <summary>
    /// For <c>dotnet run</c>: the same Prometheus and Grafana images, run by the container runtime on the host's
    /// network, because the services listen on loopback where a bridged container cannot reach them. Aspire's own
    /// container resources always join its bridge network, so each is started as <c>docker run --network host</c>,
    /// an executable resource whose logs and state show in the dashboard like any other. Added only when the runtime
    /// answers (<c>Monitoring:Containers</c> = <c>auto</c>, the default; <c>true</c> or <c>false</c> force it), so the
    /// AppHost still starts on a machine without one. Scrape targets are written as Prometheus starts, once ports are known.
    /// </summary>
    public static IDistributedApplicationBuilder AddLocalMonitoring(
        this IDistributedApplicationBuilder builder, IReadOnlyDictionary<string, IReadOnlyList<IResourceBuilder<ProjectResource>>> jobs)
    {
        var mode = builder.Configuration["Monitoring:Containers"] ?? "auto";
        if (mode is not ("auto" or "true" or "false"))
        {
            throw new InvalidOperationException($"Monitoring:Containers must be auto, true or false, not '{mode}'.");
        }

        var runtime = ContainerRuntimeProbe.RuntimeName(builder.Configuration);
        var skipped = mode == "false" ? "Monitoring:Containers is false"
            : mode == "auto" && !ContainerRuntimeProbe.Answers(runtime) ? $"'{runtime} info' did not answer"
            : null;
        // Asked once, before start: an image the runtime would have to pull is named in the AppHost's console, not
        // only shown as a red resource once the pull has failed.
        string[] images = [$"{PrometheusImage}:{PrometheusTag}", $"{GrafanaImage}:{GrafanaTag}"];
        var missing = skipped is null ? images.Where(image => !ContainerRuntimeProbe.HasImage(runtime, image)).ToList() : [];
        builder.Eventing.Subscribe<BeforeStartEvent>((started, _) =>
        {
            var logger = started.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MonitoringExtensions));
            if (skipped is not null)
            {
                MonitoringLog.ContainersSkipped(logger, skipped);
                return Task.CompletedTask;
            }

            MonitoringLog.ContainersAdded(logger, runtime);
            foreach (var image in missing)
            {
                MonitoringLog.ImageMissing(logger, image, runtime);
            }

            return Task.CompletedTask;
        });
        if (skipped is not null)
        {
            return builder;
        }

        var monitoring = MonitoringDirectory(builder);
        var targets = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".data", "monitoring", "targets"));
        Directory.CreateDirectory(targets);
        var prometheus = builder.AddHostNetworkContainer("prometheus", runtime, $"{PrometheusImage}:{PrometheusTag}", 9090, "/-/ready",
            [
                $"{Path.Combine(monitoring, "prometheus", "prometheus.local.yml")}:/etc/prometheus/prometheus.yml:ro",
                $"{targets}:/etc/prometheus/targets:ro",
            ],
            environment: _ => [],
            port => ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{port}")]);
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(prometheus.Resource, (_, cancellationToken) =>
            ScrapeTargets.WriteAsync(targets, jobs, cancellationToken));

        var prometheusPort = prometheus.GetEndpoint("http").Property(EndpointProperty.Port);
        builder.AddHostNetworkContainer("grafana", runtime, $"{GrafanaImage}:{GrafanaTag}", 3000, "/api/health",
            [
                $"{Path.Combine(monitoring, "grafana", "provisioning")}:/etc/grafana/provisioning:ro",
                $"{Path.Combine(monitoring, "grafana", "dashboard.json")}:/var/lib/grafana/dashboards/gridaspire.json:ro",
            ],
            environment: port =>
            [
                "GF_AUTH_ANONYMOUS_ENABLED=true",
                "GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer",
                "GF_SERVER_HTTP_ADDR=127.0.0.1",
                ReferenceExpression.Create($"GF_SERVER_HTTP_PORT={port}"),
                ReferenceExpression.Create($"PROMETHEUS_URL=http://127.0.0.1:{prometheusPort}"),
            ],
            _ => [])
            .WaitFor(prometheus);
        return builder;
    }

    private static IResourceBuilder<ContainerResource> AddGrafana(
        this IDistributedApplicationBuilder builder, string monitoring, ReferenceExpression prometheusUrl) =>
        builder.AddContainer("grafana", GrafanaImage, GrafanaTag)
            .WithBindMount(Path.Combine(monitoring, "grafana", "provisioning"), "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount(Path.Combine(monitoring, "grafana", "dashboard.json"), "/var/lib/grafana/dashboards/gridaspire.json", isReadOnly: true)
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
            // The provisioned datasource reads its URL from here: the service name in compose, loopback locally.
            .WithEnvironment("PROMETHEUS_URL", prometheusUrl);

    private static string MonitoringDirectory(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "monitoring"));
}
