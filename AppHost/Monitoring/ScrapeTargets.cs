using System.Text.Json;

namespace GridAspire.AppHost.Monitoring;

/// <summary>Writes Prometheus file_sd target lists (one JSON file per job) from the resources' allocated endpoints.</summary>
internal static class ScrapeTargets
{
    /// <summary>Writes <c>&lt;job&gt;.json</c> under <paramref name="directory"/> for every job.</summary>
    public static async Task WriteAsync(
        string directory, IReadOnlyDictionary<string, IReadOnlyList<IResourceBuilder<ProjectResource>>> jobs, CancellationToken cancellationToken)
    {
        foreach (var (job, resources) in jobs)
        {
            var groups = new List<object>();
            foreach (var resource in resources)
            {
                var endpoint = resource.GetEndpoint("http");
                var port = await endpoint.Property(EndpointProperty.Port).GetValueAsync(cancellationToken);
                groups.Add(new { targets = new[] { $"127.0.0.1:{port}" }, labels = new Dictionary<string, string> { ["resource"] = resource.Resource.Name } });
            }

            // Written whole then renamed: Prometheus watches the file and must never read half of it.
            var path = Path.Combine(directory, $"{job}.json");
            await File.WriteAllTextAsync(path + ".tmp", JsonSerializer.Serialize(groups), cancellationToken);
            File.Move(path + ".tmp", path, overwrite: true);
        }
    }
}
