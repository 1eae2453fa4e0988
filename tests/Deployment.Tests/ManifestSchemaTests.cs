using k8s;
using k8s.Models;

namespace GridAspire.Deployment.Tests;

/// <summary>
/// Every object the manifests render is checked against the Kubernetes API's own schema (the typed models of the
/// official client, KubernetesClient, read strictly: an unknown field or kind fails, as kubeconform would), and holds
/// what an operator relies on: two of each on the charging path with a disruption budget, requests on every container,
/// nothing reachable from outside but the public API.
/// </summary>
public sealed class ManifestSchemaTests
{
    public static TheoryData<string> Overlays => [.. Kustomize.Overlays];

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task Every_rendered_object_is_a_valid_kubernetes_object(string path)
    {
        var objects = Load(await Kustomize.RenderAsync(path));

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o));
        Assert.All(objects.Cast<IKubernetesObject<V1ObjectMeta>>(), o => Assert.False(string.IsNullOrEmpty(o.Metadata?.Name), $"a {o.Kind} has no name"));
    }

    [Fact]
    public void The_check_fails_on_a_misspelled_field_and_on_an_unknown_kind()
    {
        const string misspelled = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: typo
            spec:
              replics: 2
            """;
        const string unknownKind = """
            apiVersion: apps/v1
            kind: Deploymnt
            metadata:
              name: typo
            """;

        Assert.ThrowsAny<Exception>(() => Load(misspelled));
        Assert.ThrowsAny<Exception>(() => Load(unknownKind));
    }

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task Every_container_asks_for_cpu_and_memory(string path)
    {
        foreach (var (name, pod) in Workloads(Load(await Kustomize.RenderAsync(path))))
        {
            Assert.All(pod.Containers, c => Assert.True(
                c.Resources?.Requests is { } requests && requests.ContainsKey("cpu") && requests.ContainsKey("memory"),
                $"{name}/{c.Name} has no cpu and memory requests"));
        }
    }

    [KubectlFact]
    public async Task The_charging_path_runs_two_of_each_with_disruption_budgets_and_the_apis_know_every_balancer()
    {
        var objects = Load(await Kustomize.RenderAsync("deploy/k8s"));
        var balancers = objects.OfType<V1StatefulSet>().Single(s => s.Metadata.Name == "balancer");
        var apis = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "chargerequest");
        var budgets = objects.OfType<V1PodDisruptionBudget>().ToList();

        Assert.True(balancers.Spec.Replicas >= 2);
        Assert.True(apis.Spec.Replicas >= 2);
        foreach (var app in new[] { "balancer", "chargerequest" })
        {
            Assert.Contains(budgets, b => b.Spec.Selector.MatchLabels["app.kubernetes.io/name"] == app && b.Spec.MinAvailable?.Value is "1" or "2");
        }

        var apiEnv = apis.Spec.Template.Spec.Containers.Single().Env.ToDictionary(e => e.Name, e => e.Value);
        var balancerEnv = balancers.Spec.Template.Spec.Containers.Single().Env.ToDictionary(e => e.Name, e => e.Value);
        for (var i = 0; i < balancers.Spec.Replicas; i++)
        {
            var address = $"http://balancer-{i}.{balancers.Spec.ServiceName}:8080";
            Assert.Equal(address, apiEnv[$"services__balancer__http__{i}"]);
            Assert.Equal(address, balancerEnv[$"Balancer__Peers__balancer-{i}"]);
        }

        Assert.Equal("sharedstore:6380,password=$(SHARED_STORE_PASSWORD)", apiEnv["ConnectionStrings__idempotency"]);
    }

    [KubectlFact]
    public async Task The_kv_statefulset_scales_pods_beyond_the_listed_ones_join_leave_on_prestop_and_their_volumes_go()
    {
        var objects = Load(await Kustomize.RenderAsync("deploy/k8s"));
        var kv = objects.OfType<V1StatefulSet>().Single(s => s.Metadata.Name == "kv");
        var container = kv.Spec.Template.Spec.Containers.Single();
        var env = container.Env.ToDictionary(e => e.Name, e => e.Value);

        // Every pod lists the initial members (itself among them, for kv-0..kv-2); the others join through them.
        for (var i = 0; i < kv.Spec.Replicas; i++)
        {
            Assert.Equal($"http://kv-{i}.{kv.Spec.ServiceName}:8080", env[$"Kv__Peers__kv-{i}"]);
        }

        Assert.Equal("true", env["Kv__JoinWhenUnlisted"]);
        Assert.Equal($"http://$(Kv__NodeId).{kv.Spec.ServiceName}:8080", env["Kv__AdvertisedUrl"]);
        Assert.True(container.Env.ToList().FindIndex(e => e.Name == "Kv__NodeId") < container.Env.ToList().FindIndex(e => e.Name == "Kv__AdvertisedUrl"),
            "$(Kv__NodeId) expands only when defined earlier");
        Assert.Equal(["dotnet", "/app/KvNode.dll", "leave", "--timeout", "45"], container.Lifecycle.PreStop.Exec.Command);
        Assert.True(kv.Spec.Template.Spec.TerminationGracePeriodSeconds > 45, "the pod must outlive its leave");
        Assert.Equal("Delete", kv.Spec.PersistentVolumeClaimRetentionPolicy.WhenScaled);
        Assert.Equal("Retain", kv.Spec.PersistentVolumeClaimRetentionPolicy.WhenDeleted);
    }

    [KubectlFact]
    public async Task Only_the_public_api_is_reachable_from_outside_the_namespace()
    {
        var objects = Load(await Kustomize.RenderAsync("deploy/k8s"));
        var policies = objects.OfType<V1NetworkPolicy>().ToList();
        var ingress = objects.OfType<V1Ingress>().Single();

        Assert.Contains(policies, p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.Ingress is null or { Count: 0 }); // deny by default
        Assert.All(ingress.Spec.Rules.SelectMany(r => r.Http.Paths), p => Assert.Equal("chargerequest", p.Backend.Service.Name));
        foreach (var app in new[] { "balancer", "substation", "sharedstore", "kv" })
        {
            var own = policies.Where(p => p.Spec.PodSelector.MatchLabels is { } labels && labels.TryGetValue("app.kubernetes.io/name", out var name) && name == app).ToList();
            Assert.NotEmpty(own);
            Assert.All(own.SelectMany(p => p.Spec.Ingress), rule => Assert.True(rule.FromProperty is { Count: > 0 }, $"{app} takes traffic from anywhere"));
        }
    }

    [Theory]
    [InlineData("dashboard.json", "monitoring/grafana/dashboard.json")]
    [InlineData("datasource.yml", "monitoring/grafana/provisioning/datasources/prometheus.yml")]
    [InlineData("dashboards.yml", "monitoring/grafana/provisioning/dashboards/gridaspire.yml")]
    public async Task The_monitoring_overlays_grafana_files_are_the_ones_compose_mounts(string copy, string original)
    {
        // Kustomize reads nothing above its folder, so the overlay holds copies; an edit to one must reach the other.
        var copied = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy/k8s/overlays/monitoring/grafana", copy));
        var source = await File.ReadAllTextAsync(Path.Combine(Repository.Root, original));

        Assert.True(copied == source, $"deploy/k8s/overlays/monitoring/grafana/{copy} differs from {original}: copy it again");
    }

    private static List<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true);

    private static IEnumerable<(string Name, V1PodSpec Pod)> Workloads(IEnumerable<object> objects) =>
        objects.Select(o => o switch
        {
            V1Deployment d => (d.Metadata.Name, d.Spec.Template.Spec),
            V1StatefulSet s => (s.Metadata.Name, s.Spec.Template.Spec),
            _ => (null!, null!),
        }).Where(w => w.Item1 is not null);
}
