namespace GridAspire.Deployment.Tests;

public sealed class ComposeDriftTests
{
    [Fact]
    public async Task The_committed_compose_file_is_exactly_what_the_AppHost_publishes()
    {
        var output = Directory.CreateTempSubdirectory("compose-").FullName;
        try
        {
            var (exit, log) = await ProcessRunner.RunAsync(
                "dotnet",
                ["run", "--project", "AppHost", "--no-build", "--no-launch-profile", "--", "--operation", "publish", "--output-path", output],
                Repository.Root,
                TimeSpan.FromMinutes(3));

            Assert.True(exit == 0, log);
            var published = await File.ReadAllTextAsync(Path.Combine(output, "docker-compose.yml"));
            var committed = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docker-compose.yml"));
            Assert.True(published == committed,
                "docker-compose.yml differs from what the AppHost publishes. Regenerate it: " +
                "dotnet run --project AppHost -- --operation publish --output-path .");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task The_compose_file_runs_three_substation_replicas_behind_dns_two_balancers_and_two_apis_sharing_the_store_and_publishes_only_the_apis_and_monitoring()
    {
        var compose = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docker-compose.yml"));
        var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(compose);
        var services = (Dictionary<object, object>)yaml["services"];

        Assert.Equal("3", ((Dictionary<object, object>)((Dictionary<object, object>)services["substation"])["deploy"])["replicas"]);
        Assert.Contains("Balancer__DnsSubstations", ((Dictionary<object, object>)((Dictionary<object, object>)services["balancer"])["environment"]).Keys);
        var published = services.Where(s => ((Dictionary<object, object>)s.Value).ContainsKey("ports")).Select(s => (string)s.Key).Order();
        Assert.Equal(["chargerequest", "chargerequest2", "grafana", "prometheus"], published);
        foreach (var api in new[] { "chargerequest", "chargerequest2" })
        {
            var environment = (Dictionary<object, object>)((Dictionary<object, object>)services[api])["environment"];
            Assert.Equal("http://balancer:8080", environment["services__balancer__http__0"]);
            Assert.Equal("http://balancer2:8080", environment["services__balancer__http__1"]);
            Assert.Equal("sharedstore:6380,password=${SHARED_STORE_PASSWORD}", environment["ConnectionStrings__idempotency"]);
        }
        Assert.All(new[] { "kv1", "kv2", "kv3" }, kv => Assert.Equal("${KV_CLUSTER_KEY}",
            ((Dictionary<object, object>)((Dictionary<object, object>)services[kv])["environment"])["Kv__ClusterKey"]));
        Assert.Contains("KV_CLUSTER_KEY=", await File.ReadAllTextAsync(Path.Combine(Repository.Root, ".env")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_variable_the_compose_file_uses_is_defined_in_the_env_file()
    {
        var compose = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docker-compose.yml"));
        var defined = (await File.ReadAllLinesAsync(Path.Combine(Repository.Root, ".env")))
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2)[0].Trim())
            .ToHashSet(StringComparer.Ordinal);

        var used = System.Text.RegularExpressions.Regex.Matches(compose, @"\$\{([A-Z0-9_]+)").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("BALANCER_ADMIN_KEY", used);
        Assert.All(used, name => Assert.Contains(name, defined));
    }
}
