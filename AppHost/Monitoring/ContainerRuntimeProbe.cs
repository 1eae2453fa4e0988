using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace GridAspire.AppHost.Monitoring;

/// <summary>
/// Asks the container runtime Aspire would use (docker, or podman via <c>ASPIRE_CONTAINER_RUNTIME</c>) whether it
/// answers, so the AppHost adds its monitoring containers only where they can run and starts fine without them.
/// </summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The runtime's command name, as Aspire picks it.</summary>
    public static string RuntimeName(IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";

    /// <summary>True when <c>&lt;runtime&gt; info</c> succeeds within a few seconds.</summary>
    public static bool Answers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
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
