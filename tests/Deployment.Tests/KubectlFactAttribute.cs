namespace GridAspire.Deployment.Tests;

/// <summary>A fact that renders the manifests with <c>kubectl kustomize</c> (Debian's <c>kubectl</c>; .ci/run installs it).</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute() =>
        Skip = OutsideTool.SkipReason("kubectl", "apt-get install kubectl", ProcessRunner.OnPath("kubectl"));
}
