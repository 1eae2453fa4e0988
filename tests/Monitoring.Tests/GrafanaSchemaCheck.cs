namespace GridAspire.Monitoring.Tests;

/// <summary>
/// Runs <c>monitoring/grafana/schema-check</c> (Grafana's published schema, installed from its pinned package-lock.json
/// on first use) against a dashboard file and a provisioning folder.
/// </summary>
internal static class GrafanaSchemaCheck
{
    private static readonly string Directory = Path.Combine(Repository.Root, "monitoring", "grafana", "schema-check");
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim InstallOnce = new(1, 1);
    private static bool s_installed;

    public static string Dashboard { get; } = Path.Combine(Repository.Root, "monitoring", "grafana", "dashboard.json");

    public static string Provisioning { get; } = Path.Combine(Repository.Root, "monitoring", "grafana", "provisioning");

    public static async Task<(int ExitCode, string Output)> RunAsync(string dashboard, string provisioning)
    {
        await InstallAsync();
        return await ProcessRunner.RunAsync("node", ["check.mjs", dashboard, provisioning], Directory, Timeout);
    }

    private static async Task InstallAsync()
    {
        await InstallOnce.WaitAsync();
        try
        {
            if (!s_installed)
            {
                var (exitCode, output) = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Directory, Timeout);
                Assert.True(exitCode == 0, $"npm ci in {Directory} failed:\n{output}");
                s_installed = true;
            }
        }
        finally
        {
            InstallOnce.Release();
        }
    }
}
