using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridAspire.AppHost.Publishing;

/// <summary>
/// Writes <c>docker-compose.yml</c> (and the missing lines of <c>.env</c>) for the app model when the AppHost runs with
/// <c>--operation publish --output-path &lt;dir&gt;</c>. Aspire's own Docker publisher is not available to us, so this
/// is the small equivalent: the AppHost stays the single source of truth for every way the system runs.
/// </summary>
internal static class ComposePublisher
{
    public const string ComposeFile = "docker-compose.yml";

    public static async Task PublishAsync(DistributedApplication app, IConfiguration configuration, string appHostDirectory)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Relative paths are relative to the repository root, whatever directory `dotnet run` started in.
        var repositoryRoot = Path.GetFullPath(Path.Combine(appHostDirectory, ".."));
        var output = Path.GetFullPath(configuration["Publishing:OutputPath"] ?? configuration["output-path"] ?? ".", repositoryRoot);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var services = await ComposeModel.ReadAsync(model, repositoryRoot);
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, ComposeFile), ComposeYaml.Render(services));

        // Only the documented local defaults are written; a real secret never leaves the user's own settings. Values
        // already in .env are the user's and stay; a parameter added since gets its line.
        var env = Path.Combine(output, ".env");
        var existing = File.Exists(env) ? await File.ReadAllLinesAsync(env) : [];
        var defined = existing.Select(line => line.Split('=', 2)[0].Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = model.Resources.OfType<ParameterResource>().Where(p => p.Secret && !defined.Contains(ComposeValues.EnvName(p.Name)))
            .Select(p => configuration[$"Parameters:{p.Name}"] is { } value && value.StartsWith("local-dev-", StringComparison.Ordinal)
                ? $"{ComposeValues.EnvName(p.Name)}={value}"
                : $"{ComposeValues.EnvName(p.Name)}=change-me");
        await File.WriteAllLinesAsync(env, existing.Concat(missing));

        Console.WriteLine($"Wrote {Path.Combine(output, ComposeFile)}");
    }
}
