using Microsoft.Playwright;

namespace Workbook.Engine.Tests;

/// <summary>
/// Opens the exported pages in Debian's Chromium through Playwright (its own browser download never runs: the test uses
/// /usr/bin/chromium). Checks that every chart is rendered SVG with data points, that math is rendered by KaTeX, and that
/// the page logs no console errors; keeps full-page screenshots in artifacts/test-screenshots/.
/// Without /usr/bin/chromium the test fails, unless WORKBOOK_SKIP_BROWSER=1.
/// </summary>
[Collection(ExecutedNotebooksCollection.Name)]
public sealed class BrowserTests(ExecutedNotebooks executed)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task ExportedPagesRenderChartsAndMathWithoutConsoleErrors()
    {
        if (!File.Exists(Chromium))
        {
            if (Environment.GetEnvironmentVariable("WORKBOOK_SKIP_BROWSER") == "1") return;
            Assert.Fail($"{Chromium} is missing: install Debian's chromium (apt-get install chromium), or set WORKBOOK_SKIP_BROWSER=1 to skip the browser test.");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var shots = Path.Combine(TestPaths.Root, "artifacts", "test-screenshots");
        Directory.CreateDirectory(shots);

        foreach (var name in ExecutedNotebooks.Names)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
            var errors = new List<string>();
            var requests = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            page.PageError += (_, e) => errors.Add(e);
            page.Request += (_, r) => { if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) requests.Add(r.Url); };
            await page.GotoAsync(new Uri(executed.Page(name)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await page.WaitForTimeoutAsync(300);

            var charts = await page.Locator("div.workbook-plotly").CountAsync();
            var mathSpans = await page.Locator(".math").CountAsync();
            var rendered = await page.Locator(".math .katex").CountAsync();
            var katexErrors = await page.Locator(".katex-error").CountAsync();
            Assert.True(mathSpans >= 2, $"{name}: expected math in the markdown, found {mathSpans} math elements");
            Assert.Equal(mathSpans, rendered);
            Assert.Equal(0, katexErrors);
            if (name == "charts.ipynb")
            {
                Assert.Equal(2, charts);
                for (var i = 0; i < charts; i++)
                {
                    var chart = page.Locator("div.workbook-plotly").Nth(i);
                    Assert.True(await chart.Locator("svg.main-svg").CountAsync() > 0, $"{name}: chart {i + 1} has no SVG");
                    var marks = await chart.Locator(".scatterlayer .trace path.point, .scatterlayer .trace path.js-line").CountAsync();
                    Assert.True(marks > 0, $"{name}: chart {i + 1} has no data drawn");
                    Assert.True(await chart.Locator(".xtitle").CountAsync() > 0, $"{name}: chart {i + 1} has no x axis title");
                }
                Assert.Equal(20, await page.Locator("div.workbook-plotly").Nth(0).Locator("path.point").CountAsync());
            }
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, Path.GetFileNameWithoutExtension(name) + ".png"), FullPage = true });
            Assert.True(errors.Count == 0, $"{name}: console errors: {string.Join(" | ", errors)}");
            Assert.True(requests.Count == 0, $"{name}: network requests: {string.Join(" ", requests)}");
            await page.CloseAsync();
        }
    }
}
