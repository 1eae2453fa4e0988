namespace GridAspire.Monitoring.Tests;

/// <summary>
/// Grafana cannot run here, so its dashboard and provisioning files are checked against Grafana's own published schema
/// (the <c>@grafana/schema</c> version of the Grafana image): a field Grafana would reject or silently drop fails here,
/// not on a user's first start. Each mistake below is one a person makes by hand, and must be caught.
/// </summary>
public sealed class GrafanaSchemaTests : IDisposable
{
    private readonly string _copy = System.IO.Directory.CreateTempSubdirectory("gridaspire-grafana-").FullName;

    [NodeTheory]
    [InlineData("dashboard.json", "", "", "schema check passed")]
    [InlineData("dashboard.json", "\"gridPos\"", "\"gridPosition\"", "gridPosition")]
    [InlineData("dashboard.json", "\"placement\": \"bottom\"", "\"placement\": \"below\"", "\"below\"")]
    [InlineData("dashboard.json", "\"legendFormat\"", "\"legendFromat\"", "legendFromat")]
    [InlineData("dashboard.json", "\"type\": \"timeseries\"", "\"type\": \"timeserie\"", "no schema for panel type 'timeserie'")]
    [InlineData("dashboard.json", "\"uid\": \"gridaspire-prometheus\"", "\"uid\": \"prometheus\"", "datasource uid 'prometheus' is not provisioned")]
    [InlineData("provisioning/datasources/prometheus.yml", "isDefault:", "isDefualt:", "isDefualt")]
    [InlineData("provisioning/dashboards/gridaspire.yml", "disableDeletion:", "disableDeleting:", "disableDeleting")]
    public async Task The_committed_files_match_Grafanas_schema_and_each_hand_made_mistake_is_named(
        string file, string original, string mistake, string expected)
    {
        File.Copy(GrafanaSchemaCheck.Dashboard, Path.Combine(_copy, "dashboard.json"));
        CopyDirectory(GrafanaSchemaCheck.Provisioning, Path.Combine(_copy, "provisioning"));
        var path = Path.Combine(_copy, file);
        var text = await File.ReadAllTextAsync(path);
        if (original.Length > 0)
        {
            var at = text.IndexOf(original, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{file} no longer contains {original}: update this test");
            await File.WriteAllTextAsync(path, string.Concat(text.AsSpan(0, at), mistake, text.AsSpan(at + original.Length)));
        }

        var (exitCode, output) = await GrafanaSchemaCheck.RunAsync(Path.Combine(_copy, "dashboard.json"), Path.Combine(_copy, "provisioning"));

        Assert.Equal(original.Length > 0 ? 1 : 0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    public void Dispose() => System.IO.Directory.Delete(_copy, recursive: true);

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
