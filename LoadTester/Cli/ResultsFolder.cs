namespace GridAspire.LoadTester.Cli;

/// <summary>
/// Checks, before a rush hour of several minutes, that its results can be written: finding out afterwards loses the
/// run (a container whose results folder belongs to someone else did exactly that).
/// </summary>
public static class ResultsFolder
{
    /// <summary>Null when <paramref name="folder"/> can be created and written; else what is wrong and how to fix it.</summary>
    public static string? Problem(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return $"Cannot write the results to {Path.GetFullPath(folder)}: {ex.Message} Give --output a folder you may write to; " +
                "in compose, run as yourself on the mounted results folder: mkdir -p results && " +
                "docker-compose --profile loadtest run --rm --user \"$(id -u):$(id -g)\" loadtester rush ...";
        }
    }
}
