using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace GridAspire.AppHost.Monitoring;

/// <summary>
/// Asks the container runtime Aspire would use (docker, or podman via <c>ASPIRE_CONTAINER_RUNTIME</c>) whether it
/// answers and which images it already has, so the AppHost adds its monitoring containers only where they can run,
/// starts fine without them, and names an image it would have to pull before the dashboard shows it red.
/// </summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The runtime's command name, as Aspire picks it.</summary>
    public static string RuntimeName(IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";

    /// <summary>True when <c>&lt;runtime&gt; info</c> succeeds within a few seconds.</summary>
    public static bool Answers(string runtime) => Succeeds(runtime, "info", "--format", "{{.ServerVersion}}");

    /// <summary>True when <paramref name="image"/> (name:tag) is already in the runtime's local image store.</summary>
    public static bool HasImage(string runtime, string image) => Succeeds(runtime, "image", "inspect", "--format", "{{.Id}}", image);

    private static bool Succeeds(string runtime, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // Not installed.
        }
    }
}
