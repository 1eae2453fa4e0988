using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GridAspire.Deployment.Tests;

/// <summary>
/// Figures the documentation states about the AppHost's configuration are read from that configuration, so a change
/// to one without the other fails here instead of misleading the reader.
/// </summary>
public sealed partial class DocumentationTests
{
    [Fact]
    public async Task The_simulation_speed_the_docs_name_is_the_one_the_AppHost_uses()
    {
        var appsettings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "AppHost", "appsettings.json")))!;
        var speed = (int)appsettings["Topology"]!["SimulationSpeed"]!;
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var operations = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "operations.md"));

        var stated = AppHostUses().Matches(readme + operations).Select(m => int.Parse(m.Groups["speed"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.NotEmpty(stated);
        Assert.All(stated, s => Assert.Equal(speed, s));
    }

    [GeneratedRegex(@"the AppHost uses (?<speed>\d+)")]
    private static partial Regex AppHostUses();
}
