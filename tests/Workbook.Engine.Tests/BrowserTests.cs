namespace Workbook.Engine.Tests;

/// <summary>
/// The exported pages of the test notebooks in a real browser (Playwright driving Debian's /usr/bin/chromium): charts are
/// rendered SVG with data, math is rendered, no console errors, no network; screenshots in artifacts/test-screenshots/.
/// Without /usr/bin/chromium the test fails, unless WORKBOOK_SKIP_BROWSER=1.
/// </summary>
[Collection(ExecutedNotebooksCollection.Name)]
public sealed class BrowserTests(ExecutedNotebooks executed)
{
    [Fact]
    public async Task ExportedPagesRenderChartsAndMathWithoutConsoleErrors()
    {
        if (PageChecker.Unavailable() is bool skip)
        {
            if (skip) return;
            Assert.Fail(PageChecker.MissingMessage);
        }
        var (playwright, browser) = await PageChecker.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            foreach (var name in ExecutedNotebooks.Names)
            {
                var shot = Path.Combine(TestPaths.Root, "artifacts", "test-screenshots", Path.GetFileNameWithoutExtension(name) + ".png");
                var report = await PageChecker.CheckAsync(browser, executed.Page(name), shot);
                Assert.True(report.Problems.Count == 0, $"{name}: {string.Join("; ", report.Problems)}");
                Assert.True(report.Math >= 2, $"{name}: expected math in the markdown, found {report.Math}");
                Assert.Equal(name == "charts.ipynb" ? 2 : 0, report.Charts);

                // the site's page: plotly.js and KaTeX from the local assets/ folder (file: URLs, no network)
                var shared = await PageChecker.CheckAsync(browser, executed.SharedPage(name), Path.ChangeExtension(shot, ".shared.png"));
                Assert.True(shared.Problems.Count == 0, $"{name} (shared assets): {string.Join("; ", shared.Problems)}");
                Assert.Equal(report.Math, shared.Math);
                Assert.Equal(report.Charts, shared.Charts);
            }

            // a page with a broken chart and broken math is reported (the check can fail)
            var bad = Path.Combine(TestPaths.NewTempDir("bad-page"), "bad.html");
            File.WriteAllText(bad, "<!DOCTYPE html><html><body><div class=\"workbook-plotly\"></div><span class=\"math\">\\(x\\)</span>" +
                                   "<script>console.error('boom');</script></body></html>");
            var badReport = await PageChecker.CheckAsync(browser, bad, Path.Combine(Path.GetDirectoryName(bad)!, "bad.png"));
            Assert.Contains(badReport.Problems, p => p.Contains("chart 1 is not rendered", StringComparison.Ordinal));
            Assert.Contains(badReport.Problems, p => p.Contains("math elements not rendered", StringComparison.Ordinal));
            Assert.Contains(badReport.Problems, p => p == "console error: boom");
        }
    }

    [Fact]
    public async Task ChartsAreDrawnWithTheirData()
    {
        if (PageChecker.Unavailable() is not null) return; // reported by the test above
        var (playwright, browser) = await PageChecker.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(executed.Page("charts.ipynb")).AbsoluteUri);
            Assert.Equal(20, await page.Locator("#nb-1-1 path.point").CountAsync());
            Assert.Equal(1, await page.Locator("#nb-2-1 path.js-line").CountAsync());
            Assert.Equal("x (rad)", await page.Locator("#nb-1-1 .xtitle").TextContentAsync());
            Assert.Equal("Sine samples", await page.Locator("#nb-1-1 .gtitle").TextContentAsync());
            Assert.Equal(0, await page.Locator(".workbook-chart-hint").CountAsync());
        }
    }

    /// <summary>
    /// Jupyter shows an untrusted notebook's text/html sanitized (no script): a chart used to be a blank element. The hint
    /// beside it is plain text, visible then, and removed by the chart's script when it runs.
    /// </summary>
    [Fact]
    public async Task WithoutScriptsAChartSaysWhyItIsNotDrawn()
    {
        if (PageChecker.Unavailable() is not null) return; // reported by the first test
        var (playwright, browser) = await PageChecker.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            await using var context = await browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions { JavaScriptEnabled = false });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(executed.Page("charts.ipynb")).AbsoluteUri);
            var hint = page.Locator("#nb-1-1-hint");
            Assert.True(await hint.IsVisibleAsync());
            Assert.Contains("trust the notebook", await hint.TextContentAsync());
            Assert.Equal(0, await page.Locator("#nb-1-1 svg.main-svg").CountAsync());
        }
    }
}
