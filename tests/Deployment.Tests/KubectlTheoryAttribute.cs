namespace GridAspire.Deployment.Tests;

/// <summary>A theory that renders the manifests with <c>kubectl kustomize</c> (Debian's <c>kubectl</c>; .ci/run installs it).</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute() =>
        Skip = OutsideTool.SkipReason("kubectl", "apt-get install kubectl", ProcessRunner.OnPath("kubectl"));
}
