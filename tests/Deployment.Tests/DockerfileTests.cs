using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GridAspire.Deployment.Tests;

/// <summary>
/// Every service image is built from the one root Dockerfile with its project as a build argument; the Dockerfile copies
/// the projects every service needs. A service that starts referencing another project must not build in CI and break
/// in a container.
/// </summary>
public sealed partial class DockerfileTests
{
    [Fact]
    public async Task The_root_dockerfile_copies_every_project_any_service_in_compose_references()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "Dockerfile"));
        var copied = CopiedProject().Matches(dockerfile).Select(m => m.Groups["project"].Value).ToHashSet();
        var compose = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docker-compose.yml"));
        var services = BuildArgument().Matches(compose).Select(m => m.Groups["project"].Value).Distinct().ToList();

        Assert.Equal(["Balancer", "ChargeRequest", "KvNode", "LoadTester", "SharedStore", "Substation"], services.Order());
        foreach (var service in services)
        {
            var needed = References(service).Where(p => p != service);
            Assert.All(needed, project => Assert.True(copied.Contains(project), $"{service} needs {project}, which the Dockerfile does not copy"));
        }

        var dockerfiles = Directory.EnumerateFiles(Repository.Root, "Dockerfile", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
        Assert.Equal([Path.Combine(Repository.Root, "Dockerfile")], dockerfiles); // one, so they cannot drift apart
    }

    // The project and every project it references, transitively, by folder name.
    private static HashSet<string> References(string project)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var name))
        {
            if (!found.Add(name))
            {
                continue;
            }

            var csproj = XDocument.Load(Path.Combine(Repository.Root, name, $"{name}.csproj"));
            foreach (var reference in csproj.Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!))
            {
                pending.Push(Path.GetFileNameWithoutExtension(reference.Replace('\\', '/')));
            }
        }

        return found;
    }

    [GeneratedRegex(@"^COPY (?<project>[A-Za-z]+)/\k<project>\.csproj ", RegexOptions.Multiline)]
    private static partial Regex CopiedProject();

    [GeneratedRegex(@"PROJECT: ""(?<project>[A-Za-z]+)""")]
    private static partial Regex BuildArgument();
}
