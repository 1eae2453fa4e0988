using System.Diagnostics;
using System.Reflection;

namespace GridAspire.KvNode.Chaos.Cluster;

/// <summary>
/// One KvNode as a real operating-system process on a loopback port, with its own data directory, so it can be
/// killed with SIGKILL at any moment and restarted on the same port and directory.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logFile;
    private Process? _process;
    private StreamWriter? _log;

    /// <summary>Prepares (does not start) node <paramref name="nodeId"/>.</summary>
    public NodeProcess(string nodeId, Uri address, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        NodeId = nodeId;
        Address = address;
        _environment = environment;
        _logFile = logFile;
    }

    /// <summary>The node's id (kv1, kv2, ...).</summary>
    public string NodeId { get; }

    /// <summary>Where it listens.</summary>
    public Uri Address { get; }

    /// <summary>Its data directory (<c>Kv:DataDir</c>).</summary>
    public string DataDirectory => _environment["Kv__DataDir"];

    /// <summary>True while the process runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>The built KvNode.dll this harness runs (the project reference builds it first).</summary>
    public static string AssemblyPath { get; } = typeof(NodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "KvNodeAssembly").Value!;

    /// <summary>Starts the process; output goes to the node's log file (appended across restarts).</summary>
    public void Start()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(AssemblyPath);
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }

        var log = _log = new StreamWriter(_logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => Write(log, $"--- process exited ({DateTime.UtcNow:O})");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; whatever was not fsynced is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        if (_log is { } log)
        {
            lock (log)
            {
                log.Dispose();
            }

            _log = null;
        }
    }

    /// <summary>
    /// Waits until <paramref name="path"/> answers 200 (<c>/health</c>: ready, writes accepted; <c>/alive</c>: the
    /// process serves requests), or throws after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout, string path = "/health")
    {
        ArgumentNullException.ThrowIfNull(http);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (!Running)
            {
                throw new InvalidOperationException($"{NodeId} exited during start-up; see {_logFile}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, path));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe's timeout.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new TimeoutException($"{NodeId} did not answer {path} with 200 within {timeout}; see {_logFile}");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
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
                // The last lines of a killed process may arrive after its log was closed.
            }
        }
    }
}
