using Microsoft.Playwright;

namespace GridAspire.Explorer.Tests;

/// <summary>The explorer's page open in Debian's Chromium (driven by Playwright), with the script errors it raised.</summary>
internal sealed class ExplorerPage : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ExplorerPage(IPlaywright playwright, IBrowser browser, IPage page)
    {
        (_playwright, _browser, Page) = (playwright, browser, page);
        page.PageError += (_, error) => Errors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Uncaught script errors so far.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Opens <paramref name="address"/> and waits until the page watches <paramref name="lastNode"/>.</summary>
    public static async Task<ExplorerPage> OpenAsync(Uri address, string lastNode, float timeout)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.Path,
            Args = ["--no-sandbox", "--disable-gpu"],
            Headless = true,
        });
        var page = new ExplorerPage(playwright, browser, await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1700, Height = 1000 } }));
        await page.Page.GotoAsync(address.ToString());
        await Assertions.Expect(page.Page.Locator($"#card-{lastNode} .conn")).ToHaveTextAsync("watching", new() { Timeout = timeout });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
