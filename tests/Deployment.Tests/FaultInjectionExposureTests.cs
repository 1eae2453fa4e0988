namespace GridAspire.Deployment.Tests;

/// <summary>
/// The KV fault-injection endpoints (hold a link, stall the disk) are for the local demo: a deployment built from the
/// published files must not expose them.
/// </summary>
public sealed class FaultInjectionExposureTests
{
    [Fact]
    public async Task Neither_compose_nor_kubernetes_enables_the_KV_chaos_endpoints()
    {
        var compose = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docker-compose.yml"));
        var manifests = Directory.EnumerateFiles(Path.Combine(Repository.Root, "deploy", "k8s"), "*.yaml", SearchOption.AllDirectories)
            .Select(File.ReadAllText);

        Assert.Equal(3, compose.Split("Kv__ChaosEnabled: \"false\"").Length - 1); // kv1..kv3, explicitly off
        Assert.DoesNotContain("Kv__ChaosEnabled: \"true\"", compose, StringComparison.Ordinal);
        Assert.All(manifests, m => Assert.DoesNotContain("ChaosEnabled", m, StringComparison.Ordinal));
    }
}
