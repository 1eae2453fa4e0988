namespace GridAspire.Monitoring.Tests;

/// <summary>A theory that needs Node.js and npm (Debian's <c>nodejs</c> and <c>npm</c>; .ci/run installs them).</summary>
public sealed class NodeTheoryAttribute : TheoryAttribute
{
    public NodeTheoryAttribute() =>
        Skip = OutsideTool.SkipReason("node and npm", "apt-get install nodejs npm", ProcessRunner.OnPath("node") && ProcessRunner.OnPath("npm"));
}
