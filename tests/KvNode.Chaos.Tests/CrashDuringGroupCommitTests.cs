using System.Collections.Concurrent;
using System.Net;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Chaos.Cluster;
using Xunit.Abstractions;

namespace GridAspire.KvNode.Chaos.Tests;

/// <summary>
/// Group commit acknowledges many writes with one fsync. Killing the node (SIGKILL) while dozens of writers wait on
/// the disk must lose none of the writes that were acknowledged, and the restarted node must never hand out one of
/// their (node, counter) identities again. The disk is stalled (fault injection) before each kill, so the writes queued
/// at that moment really never reach it: a node that acknowledged before the disk would lose acknowledged writes here.
/// </summary>
public sealed class CrashDuringGroupCommitTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 32;
    private const int Crashes = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _root = Directory.CreateTempSubdirectory("gridaspire-crash-").FullName;

    [Fact]
    public async Task Kill_9_under_32_waiting_writers_loses_no_acknowledged_write_and_reuses_no_counter()
    {
        await using var cluster = await ProcessCluster.StartAsync(3, _root);
        var kv1 = cluster["kv1"];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var acknowledged = new ConcurrentDictionary<long, (string Key, string Value)>();
        var reused = new ConcurrentBag<string>();

        for (var crash = 1; crash <= Crashes; crash++)
        {
            using var stop = new CancellationTokenSource();
            var progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var target = acknowledged.Count + 300;
            var writers = Enumerable.Range(0, Writers).Select(w => WriteUntilStoppedAsync(crash, w)).ToList();

            // Once writes flow, stall the disk, let the writers pile up behind it, and kill the node.
            await progress.Task.WaitAsync(Deadline);
            await AdminAsync(http, kv1, "/admin/disk/stall");
            var waiting = await WaitForQueuedWritesAsync(http, kv1, Writers / 2);
            await kv1.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await cluster.RestartAsync(kv1);
            await cluster.WaitWritableAsync(kv1); // else the next round's writers could meet its start-up 503 and stop
            output.WriteLine($"crash {crash}: {waiting} records queued behind the stalled disk; {acknowledged.Count} writes acknowledged so far");

            async Task WriteUntilStoppedAsync(int round, int writer)
            {
                var client = new KvSession(http);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var key = $"c{round}-w{writer}-{i}";
                    KvResult result;
                    try
                    {
                        result = await client.PutAsync(kv1.Address, key, key, stop.Token);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return; // killed under us: the answer is lost, so the write is not acknowledged
                    }

                    if (result.Status != HttpStatusCode.OK)
                    {
                        return;
                    }

                    var counter = result.Item!.Clock["kv1"];
                    if (!acknowledged.TryAdd(counter, (key, key)))
                    {
                        reused.Add($"kv1:{counter} acknowledged for {acknowledged[counter].Key} and for {key}");
                    }

                    if (acknowledged.Count >= target)
                    {
                        progress.TrySetResult();
                    }
                }
            }
        }

        Assert.Empty(reused);
        var reader = new KvSession(http);
        var lost = new List<string>();
        foreach (var (counter, (key, value)) in acknowledged)
        {
            var read = await reader.GetAsync(kv1.Address, key);
            if (read.Item?.Value != value || read.Item.Clock["kv1"] != counter)
            {
                lost.Add($"kv1:{counter} {key} -> {(int)read.Status} {read.Item?.Value} {(read.Item is null ? "" : read.Item.Clock.ToString())}");
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes lost or changed, e.g. {string.Join("; ", lost.Take(5))}");
        var after = await new KvSession(http).PutAsync(kv1.Address, "after-the-crashes", "v");
        Assert.True(after.Item!.Clock["kv1"] > acknowledged.Keys.Max(), "a restarted node continues after every counter it acknowledged");
        Assert.True(acknowledged.Count >= Crashes * 300, $"the writers got {acknowledged.Count} writes through");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task AdminAsync(HttpClient http, NodeProcess node, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, path));
        request.Headers.Authorization = new("Bearer", ProcessCluster.ClusterKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    // Polls the node's status (its own count of records not yet on disk) until enough writers wait, or fails.
    private static async Task<long> WaitForQueuedWritesAsync(HttpClient http, NodeProcess node, int atLeast)
    {
        var client = new KvSession(http);
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var status = await client.StatusAsync(node.Address, deadline.Token);
            if (status.JournalWaiting >= atLeast)
            {
                return status.JournalWaiting;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
