using Microsoft.Playwright;

namespace Workbook.Engine.Tests;

/// <summary>Opens exported pages in Debian's Chromium (never Playwright's own browser download) and checks them.</summary>
internal static class PageChecker
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Null when the browser tests may run; otherwise whether to skip silently (true) or fail (false).</summary>
    public static bool? Unavailable()
    {
        if (File.Exists(Chromium)) return null;
        return Environment.GetEnvironmentVariable("WORKBOOK_SKIP_BROWSER") == "1";
    }

    public static string MissingMessage =>
        $"{Chromium} is missing: install Debian's chromium (apt-get install chromium), or set WORKBOOK_SKIP_BROWSER=1 to skip the browser tests.";

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    public sealed record PageReport(int Charts, int Math, IReadOnlyList<string> Problems);

    /// <summary>
    /// Loads a page; every chart must be rendered SVG with drawn traces, every math element rendered by KaTeX, and the page
    /// must log no console errors and make no network requests. Saves a full-page screenshot.
    /// </summary>
    public static async Task<PageReport> CheckAsync(IBrowser browser, string htmlPath, string screenshotPath)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add("console error: " + m.Text); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) problems.Add("network request: " + r.Url);
        };
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForTimeoutAsync(300);
        var charts = page.Locator("div.workbook-plotly");
        var chartCount = await charts.CountAsync();
        for (var i = 0; i < chartCount; i++)
        {
            var chart = charts.Nth(i);
            if (await chart.Locator("svg.main-svg").CountAsync() == 0) problems.Add($"chart {i + 1} is not rendered as SVG");
            else if (await chart.Locator("g.trace, g.hm, .heatmaplayer image, .imagelayer image").CountAsync() == 0) problems.Add($"chart {i + 1} draws no data");
        }
        var math = await page.Locator(".math").CountAsync();
        var rendered = await page.Locator(".math .katex").CountAsync();
        if (rendered != math) problems.Add($"{math - rendered} of {math} math elements not rendered");
        var katexErrors = await page.Locator(".katex-error").CountAsync();
        if (katexErrors > 0) problems.Add($"{katexErrors} KaTeX errors");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshotPath)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshotPath, FullPage = true });
        await page.CloseAsync();
        return new PageReport(chartCount, math, problems);
    }
}
