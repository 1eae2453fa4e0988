using YamlDotNet.RepresentationModel;

namespace GridAspire.Deployment.Tests;

public sealed class KustomizeTests
{
    public static TheoryData<string> Overlays => new() { "deploy/k8s", "deploy/k8s/overlays/large" };

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task Every_workload_has_probes_limits_and_runs_as_non_root(string path)
    {
        var workloads = await RenderWorkloadsAsync(path);

        Assert.Contains(workloads, w => w.Kind == "StatefulSet" && w.Name == "kv");
        Assert.Equal(["balancer", "chargerequest", "kv", "sharedstore", "substation"], workloads.Select(w => w.Name).Order());
        foreach (var (kind, name, pod) in workloads)
        {
            var podSecurity = Map(pod, "securityContext");
            foreach (YamlMappingNode container in (YamlSequenceNode)pod["containers"])
            {
                var where = $"{kind}/{name}/{container["name"]}";
                Assert.True(container.Children.ContainsKey("readinessProbe"), $"{where} has no readiness probe");
                Assert.True(container.Children.ContainsKey("livenessProbe"), $"{where} has no liveness probe");
                Assert.Equal("/health", Scalar(Map(Map(container, "readinessProbe")!, "httpGet")!, "path"));
                Assert.Equal("/alive", Scalar(Map(Map(container, "livenessProbe")!, "httpGet")!, "path"));
                var limits = Map(Map(container, "resources")!, "limits");
                Assert.True(limits is not null && limits.Children.ContainsKey("cpu") && limits.Children.ContainsKey("memory"), $"{where} has no cpu and memory limits");
                var runAsNonRoot = Scalar(Map(container, "securityContext"), "runAsNonRoot") ?? Scalar(podSecurity, "runAsNonRoot");
                Assert.True(runAsNonRoot == "true", $"{where} may run as root");
                Assert.Equal("false", Scalar(Map(container, "securityContext"), "allowPrivilegeEscalation"));
            }
        }
    }

    [KubectlFact]
    public async Task The_large_overlay_scales_substations_and_the_balancer_finds_them_by_dns()
    {
        var workloads = await RenderWorkloadsAsync("deploy/k8s/overlays/large");
        var rendered = await RenderAsync("deploy/k8s/overlays/large");

        Assert.Contains("replicas: 6", rendered, StringComparison.Ordinal);
        Assert.Contains("http://substation:8080", rendered, StringComparison.Ordinal);
        Assert.Contains(workloads, w => w.Name == "substation");
    }

    [KubectlFact]
    public async Task Kv_nodes_run_with_the_same_gen0_budget_in_kubernetes_as_in_compose()
    {
        // The runtime reads DOTNET_GCgen0size only from the environment, so every place that starts a node sets it
        // (benchmarks/README.md: without it the store's young collections were the p99 of writes).
        var kv = (await RenderWorkloadsAsync("deploy/k8s")).Single(w => w.Name == "kv").Pod;
        var container = (YamlMappingNode)((YamlSequenceNode)kv["containers"]).Single();
        var env = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>()
            .Where(e => e.Children.ContainsKey("value"))
            .ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value"));

        var compose = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docker-compose.yml"));
        var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(compose);
        var services = (Dictionary<object, object>)yaml["services"];
        Assert.All(new[] { "kv1", "kv2", "kv3" }, node => Assert.Equal("0x400000",
            ((Dictionary<object, object>)((Dictionary<object, object>)services[node])["environment"])["DOTNET_GCgen0size"]));
        Assert.Equal("0x400000", env["DOTNET_GCgen0size"]);
    }

    private static async Task<List<(string Kind, string Name, YamlMappingNode Pod)>> RenderWorkloadsAsync(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(await RenderAsync(path)));
        return stream.Documents
            .Select(d => (YamlMappingNode)d.RootNode)
            .Where(d => Scalar(d, "kind") is "Deployment" or "StatefulSet")
            .Select(d => (Scalar(d, "kind")!, Scalar(Map(d, "metadata"), "name")!, Map(Map(Map(d, "spec")!, "template")!, "spec")!))
            .ToList();
    }

    private static Task<string> RenderAsync(string path) => Kustomize.RenderAsync(path);

    private static YamlMappingNode? Map(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;
}
