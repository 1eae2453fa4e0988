
namespace GridAspire.AppHost.Topology;

internal static class MonitoringExtensions
{
    /// <summary>
    /// Prometheus (scraping every substation replica, the balancer and the KV nodes) and Grafana with the provisioned
    /// GridAspire dashboard, from the files under <c>monitoring/</c>.
    /// </summary>
    public static IDistributedApplicationBuilder AddMonitoring(this IDistributedApplicationBuilder builder)
    {
        var monitoring = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "monitoring"));
        var prometheus = builder.AddContainer("prometheus", "prom/prometheus", "v3.5.0")
            .WithBindMount(Path.Combine(monitoring, "prometheus", "prometheus.yml"), "/etc/prometheus/prometheus.yml", isReadOnly: true)
            .WithHttpEndpoint(port: 9090, targetPort: 9090, name: "http")
            .WithExternalHttpEndpoints();
        builder.AddContainer("grafana", "grafana/grafana", "12.1.0")
            .WithBindMount(Path.Combine(monitoring, "grafana", "provisioning"), "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount(Path.Combine(monitoring, "grafana", "dashboard.json"), "/var/lib/grafana/dashboards/gridaspire.json", isReadOnly: true)
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
            .WithHttpEndpoint(port: 3000, targetPort: 3000, name: "http")
            .WithExternalHttpEndpoints()
            .WaitFor(prometheus);
        return builder;
    }
}
