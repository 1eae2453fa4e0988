using System.Net;
using Microsoft.Extensions.DependencyInjection;
using GridAspire.KvNode.Events;
using Microsoft.Playwright;

namespace GridAspire.Explorer.Tests;

/// <summary>
/// The explorer page in a real Chromium (Debian's, driven by Playwright), against real KV nodes: the causal scenario
/// clicked through step by step must show, on kv3's lane, y held, then x delivered, then y delivered; the album
/// scenario must show Bob the anomaly in his single reads and whole cuts in his batch reads.
/// </summary>
public sealed class BrowserTests
{
    private static readonly float Timeout = 15_000;

    [ChromiumFact]
    public async Task Clicking_through_the_scenario_draws_y_held_on_kv3_until_x_is_delivered()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        await using var explorer = new ExplorerHost(cluster);
        var address = explorer.Start();
        await WatchedAsync(cluster);
        await using var explorerPage = await ExplorerPage.OpenAsync(address, "kv3", Timeout);
        var (page, errors) = (explorerPage.Page, explorerPage.Errors);

        for (var step = 1; step <= 5; step++)
        {
            await page.ClickAsync($"[data-step=\"{step}\"]");
            await Assertions.Expect(page.Locator($"[data-step=\"{step}\"]")).ToHaveClassAsync("done", new() { Timeout = Timeout });
        }

        // y's hold bar is drawn once kv3 delivers y.
        await Assertions.Expect(page.Locator(".hold[data-node=\"kv3\"]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var yHeld = await Row(page, "buffered", "y-");
        var xDelivered = await Row(page, "delivered", "x-");
        var yDelivered = await Row(page, "delivered", "y-");
        Assert.True(yHeld < xDelivered && xDelivered < yDelivered, $"kv3's rows: y held {yHeld}, x delivered {xDelivered}, y delivered {yDelivered}");
        Assert.Equal(0, await page.Locator("g.ev.buffered[data-node=\"kv1\"], g.ev.buffered[data-node=\"kv2\"]").CountAsync());
        Assert.True(await page.Locator("line.batch[data-to^=\"kv3/\"]").CountAsync() >= 2, "arrows into kv3's lane");

        // The held write explains itself: the delivery rule's check on kv1's entry fails.
        await page.Locator("g.ev.buffered[data-node=\"kv3\"]").ClickAsync();
        await Assertions.Expect(page.Locator("#details")).ToContainTextAsync("Held in the buffer");
        await Assertions.Expect(page.Locator("#details tr", new() { HasText = "V[kv1] = 1 must be ≤ L[kv1] = 0" })).ToContainTextAsync("fails");
        await Assertions.Expect(page.Locator("#card-kv3 .clock")).ToHaveTextAsync("clock {kv1:1, kv2:1}", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#card-kv3 .buffer")).ToHaveTextAsync("buffer empty");

        // Step 3's read is on kv2's lane, with the write it saw.
        var oldX = await page.Locator("g.ev.write[data-node=\"kv1\"]").GetAttributeAsync("data-key");
        await Assertions.Expect(page.Locator($"g.ev.read[data-node=\"kv2\"][data-key=\"{oldX}\"]")).ToContainTextAsync("sees kv1:1");

        Directory.CreateDirectory(Artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "explorer-causal-scenario.png"), FullPage = true });

        // A new run starts from an empty diagram, and what it draws is its own, even when the run before it stopped
        // with y held (releasing the link then delivers the old run's writes after the diagram was cleared).
        await NewRunAsync(page);
        for (var step = 1; step <= 4; step++)
        {
            await page.ClickAsync($"[data-step=\"{step}\"]");
            await Assertions.Expect(page.Locator($"[data-step=\"{step}\"]")).ToHaveClassAsync("done", new() { Timeout = Timeout });
        }

        await Assertions.Expect(page.Locator("g.ev.buffered[data-node=\"kv3\"]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var heldY = await page.Locator("g.ev.buffered[data-node=\"kv3\"]").GetAttributeAsync("data-key");
        await NewRunAsync(page);
        await page.ClickAsync("[data-step=\"1\"]");
        await page.ClickAsync("[data-step=\"2\"]");
        await Assertions.Expect(page.Locator("g.ev.write")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        var newX = await page.Locator("g.ev.write").GetAttributeAsync("data-key");
        Assert.DoesNotContain(newX, new[] { oldX, heldY });
        Assert.Equal(0, await page.Locator($"g.ev[data-key=\"{heldY}\"], g.ev[data-key=\"{heldY!.Replace("y-", "x-", StringComparison.Ordinal)}\"]").CountAsync());
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task The_album_scenario_on_the_page_shows_the_anomaly_in_single_reads_and_whole_cuts_in_batch_reads()
    {
        await using var cluster = await KvCluster.StartAsync(2);
        await using var explorer = new ExplorerHost(cluster);
        var address = explorer.Start();
        await WatchedAsync(cluster);
        await using var explorerPage = await ExplorerPage.OpenAsync(address, "kv2", Timeout);
        var (page, errors) = (explorerPage.Page, explorerPage.Errors);

        await page.SelectOptionAsync("#scenario-name", "album");
        await Assertions.Expect(page.Locator("#scenario-title")).ToContainTextAsync("Album");
        await Assertions.Expect(page.Locator("[data-step=\"11\"]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        string? alicesToken = null;
        for (var step = 1; step <= 11; step++)
        {
            if (step == 7)
            {
                alicesToken = await page.InputValueAsync("#token");
            }
            else if (step == 10)
            {
                // Bob reads the album once Alice's writes have reached kv2.
                await Signals.UntilAsync(cluster["kv2"].Node.ClockAdvanced, () => cluster["kv2"].Node.Clock["kv1"] >= 4, "kv2 has Alice's writes");
            }

            await page.ClickAsync($"[data-step=\"{step}\"]");
            await Assertions.Expect(page.Locator($"[data-step=\"{step}\"]")).ToHaveClassAsync("done", new() { Timeout = Timeout });
        }

        await Assertions.Expect(page.Locator("[data-result=\"7\"]")).ToContainTextAsync("=alice,bob");
        await Assertions.Expect(page.Locator("[data-result=\"10\"]")).ToContainTextAsync("=holiday,private-photo");
        await Assertions.Expect(page.Locator("[data-result=\"8\"]")).ToContainTextAsync("=alice,bob, album-");
        await Assertions.Expect(page.Locator("[data-result=\"8\"]")).ToContainTextAsync("=holiday (one cut of kv2");
        await Assertions.Expect(page.Locator("[data-result=\"11\"]")).ToContainTextAsync("=alice, album-");
        await Assertions.Expect(page.Locator("[data-result=\"11\"]")).ToContainTextAsync("=holiday,private-photo (one cut of kv2");
        Assert.Equal(alicesToken, await page.InputValueAsync("#token")); // Bob's reads left Alice's session alone
        Directory.CreateDirectory(Artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "explorer-album-scenario.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_icon_browsers_ask_for_by_default_is_found()
    {
        await using var cluster = await KvCluster.StartAsync(3);
        await using var explorer = new ExplorerHost(cluster);
        using var http = new HttpClient { BaseAddress = explorer.Start() };

        using var icon = await http.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Where the final diagram's screenshot is kept: <c>build/test-artifacts</c> in the repository.</summary>
    internal static string Artifacts { get; } = Path.Combine(Repository.Root, "build", "test-artifacts");

    /// <summary>Waits until the explorer watches every node of <paramref name="cluster"/>.</summary>
    internal static async Task WatchedAsync(KvCluster cluster)
    {
        foreach (var node in cluster.Nodes)
        {
            var feed = node.Services.GetRequiredService<NodeEventFeed>();
            await Signals.UntilAsync(feed.WatchersChanged, () => feed.IsWatched, $"the explorer watches {node.NodeId}");
        }
    }

    private static async Task NewRunAsync(IPage page)
    {
        await page.ClickAsync("#restart");
        await Assertions.Expect(page.Locator("#restart")).ToBeEnabledAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-step=\"1\"]")).ToBeEnabledAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("g.ev")).ToHaveCountAsync(0, new() { Timeout = Timeout });
    }

    private static async Task<int> Row(IPage page, string kind, string keyPrefix)
    {
        var row = await page.Locator($"g.ev.{kind}[data-node=\"kv3\"][data-key^=\"{keyPrefix}\"]").GetAttributeAsync("data-row");
        return int.Parse(row!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
