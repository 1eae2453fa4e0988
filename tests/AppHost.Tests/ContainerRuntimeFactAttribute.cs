using System.Diagnostics;
using GridAspire.TestSupport;

namespace GridAspire.AppHost.Tests;

/// <summary>
/// A fact that needs a container runtime that answers and the Prometheus image present locally (.ci/run starts
/// Docker and builds the stand-in images before the tests).
/// </summary>
public sealed class ContainerRuntimeFactAttribute : FactAttribute
{
    public const string PrometheusImage = "prom/prometheus:v3.5.0";

    public ContainerRuntimeFactAttribute()
    {
        Skip = OutsideTool.SkipReason(
            $"a running Docker engine with {PrometheusImage}", "install Docker and load or pull the image (../shared/offline-images/build.sh provides both here)",
            Succeeds("docker", "info") && Succeeds("docker", "image", "inspect", PrometheusImage));
    }

    private static bool Succeeds(string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
