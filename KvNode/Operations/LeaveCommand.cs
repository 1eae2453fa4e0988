using System.Net.Http.Headers;
using GridAspire.KvNode.Configuration;

namespace GridAspire.KvNode.Operations;

/// <summary>
/// <c>dotnet KvNode.dll leave</c>: makes the node running next to it leave the cluster (<c>POST /admin/leave</c>) and,
/// once it has, marks its data directory as of no further use (<see cref="NodeIdentity.LeftMarker"/>), so that a pod
/// started again under the same name joins as a new node. A StatefulSet's preStop hook runs it; an initial member (one
/// listed in <c>Kv:Peers</c>) does not leave on its own: a restart must find it a member. Reads the node's own settings
/// (environment, then command line); <c>--url</c> is where the node listens (default: 127.0.0.1 on
/// <c>ASPNETCORE_HTTP_PORTS</c>, else 8080) and <c>--timeout</c> how long it may take (seconds, default 30).
/// </summary>
public static class LeaveCommand
{
    /// <summary>Runs the command; 0 when the node left (or needs not), 1 when it could not.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var kv = configuration.GetSection(KvOptions.SectionName).Get<KvOptions>() ?? new KvOptions();
        if (!kv.JoinsThroughPeers)
        {
            await output.WriteLineAsync($"{kv.NodeId} is an initial member (listed in Kv:Peers): it stays a member; remove it with DELETE /admin/members/{{id}} if it is gone for good.");
            return 0;
        }

        var port = configuration["ASPNETCORE_HTTP_PORTS"]?.Split(';', ',')[0] ?? "8080";
        var node = new Uri(configuration["url"] ?? $"http://127.0.0.1:{port}");
        var timeout = int.TryParse(configuration["timeout"], out var seconds) && seconds is >= 1 and <= 3600 ? seconds : 30;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(timeout + 10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, $"/admin/leave?timeout={timeout}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", kv.ClusterKey);
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode && !body.Contains("no longer a member", StringComparison.Ordinal))
            {
                await output.WriteLineAsync($"{node} did not leave ({(int)response.StatusCode}): {body}");
                return 1;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{node} could not be asked to leave: {ex.Message}");
            return 1;
        }

        if (kv.DataDir is { Length: > 0 } dataDir)
        {
            await File.WriteAllTextAsync(Path.Combine(dataDir, NodeIdentity.LeftMarker), DateTimeOffset.UtcNow.ToString("O"));
        }

        await output.WriteLineAsync($"{node} left the cluster: every other member has all its writes.");
        return 0;
    }
}
