using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace GridAspire.Monitoring.Tests;

/// <summary>A real Prometheus on a free 127.0.0.1 port, scraping the given targets every second.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    public PrometheusServer(IReadOnlyDictionary<string, IReadOnlyList<Uri>> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        _directory = Directory.CreateTempSubdirectory("prometheus-").FullName;
        var config = "global:\n  scrape_interval: 1s\nscrape_configs:\n" + string.Concat(jobs.Select(j =>
            $"  - job_name: {j.Key}\n    static_configs:\n      - targets: [{string.Join(", ", j.Value.Select(u => $"\"{u.Authority}\""))}]\n"));
        File.WriteAllText(Path.Combine(_directory, "prometheus.yml"), config);
        var port = LoopbackPorts.Next();
        Address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("prometheus") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { $"--config.file={_directory}/prometheus.yml", $"--storage.tsdb.path={_directory}/data", $"--web.listen-address=127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>The number of series an instant query returns; -1 when the query itself is invalid.</summary>
    public async Task<int> SeriesAsync(HttpClient http, string query)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var response = await http.GetAsync(new Uri(Address, $"/api/v1/query?query={Uri.EscapeDataString(query)}"));
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                return -1;
            }

            if (!response.IsSuccessStatusCode)
            {
                return 0; // still starting: Prometheus answers 503 "Service Unavailable" until its storage is ready
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("data").GetProperty("result").GetArrayLength();
        }
        catch (HttpRequestException)
        {
            return 0; // not listening yet
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
