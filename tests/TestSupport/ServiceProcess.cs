using System.Diagnostics;

namespace GridAspire.TestSupport;

/// <summary>
/// One of our services as a real operating-system process on a loopback port (the build output next to this test's),
/// so that a test can kill it with SIGKILL mid-request: no graceful shutdown, connections reset as when a host dies.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    /// <summary>Starts <paramref name="project"/> (its built dll) listening on <paramref name="address"/>.</summary>
    public ServiceProcess(string project, Uri address, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(environment);
        Address = address;
        LogFile = Path.Combine(Path.GetTempPath(), $"gridaspire-{project}-{address.Port}.log");
        var assembly = Path.Combine(Repository.Root, project, "bin", Configuration, "net10.0", project + ".dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(assembly);
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        info.Environment["ASPNETCORE_URLS"] = address.ToString();
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var log = _log = new StreamWriter(LogFile, append: false) { AutoFlush = true };
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Write(log, e.Data);
        _process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where it listens.</summary>
    public Uri Address { get; }

    /// <summary>Its operating-system process id (to kill it from a shell command, as a load tester's fault does).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Its standard output and error.</summary>
    public string LogFile { get; }

    // The configuration this test was built in, which built the services it references too.
    private static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>Waits until <paramref name="path"/> answers 200, or throws after <paramref name="timeout"/>.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, string path = "/health")
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Address} exited during start-up; see {LogFile}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50)); // polling a child process: no event to wait on
        }

        throw new TimeoutException($"{Address} did not answer {path} with 200 within {timeout}; see {LogFile}");
    }

    /// <summary>SIGKILL, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after the test ended.
            }
        }
    }
}
