namespace GridAspire.Deployment.Tests;

/// <summary>Renders a kustomization the way <c>kubectl apply -k</c> would.</summary>
internal static class Kustomize
{
    /// <summary>Every kustomization an operator may apply.</summary>
    public static readonly string[] Overlays = ["deploy/k8s", "deploy/k8s/overlays/large", "deploy/k8s/overlays/monitoring"];

    /// <summary>The rendered YAML of <paramref name="path"/> (relative to the repository).</summary>
    public static async Task<string> RenderAsync(string path)
    {
        var (exit, output) = await ProcessRunner.RunAsync("kubectl", ["kustomize", path], Repository.Root, TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        return output;
    }
}
