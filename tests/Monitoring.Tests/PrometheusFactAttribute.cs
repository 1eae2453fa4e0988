namespace GridAspire.Monitoring.Tests;

/// <summary>A fact that needs a real Prometheus server binary (Debian's <c>prometheus</c> package; .ci/run installs it).</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute() =>
        Skip = OutsideTool.SkipReason("the prometheus binary", "apt-get install prometheus", ProcessRunner.OnPath("prometheus"));
}
