using System.Text.Json.Nodes;
using Workbook.Engine.Html;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

/// <summary>
/// Issue 11, script injection: the exported page of a notebook carrying each injection (markdown script, event handler and
/// javascript: links; image/png breaking out of its attribute; plotly JSON given as code in a string, or closing the
/// script from a title; a markdown output) runs no script in headless Chromium (the marker attribute stays unset, also
/// after clicking every link) and still shows what the notebook meant: table, math, links, images, the chart with its
/// title as text, the text fallbacks of the rejected outputs.
/// </summary>
public sealed class InjectionBrowserTests
{
    private const string Pwn = "document.documentElement.setAttribute('data-pwned','{0}')";
    private const string Png1x1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static string P(string tag) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Pwn, tag);

    internal static string InjectionNotebookJson()
    {
        var markdown = "# Injections\n\n" +
                       $"<script>{P("markdown-script")}</script>\n\n" +
                       $"<img src=\"x\" onerror=\"{P("onerror")}\">\n\n" +
                       $"[md link](javascript:{P("md-js-link")})\n\n" +
                       $"<a id=\"rawjs\" href=\"javascript:{P("raw-js-link")}\">raw link</a> <a href=\"data:text/html,<script>alert(1)</script>\">data link</a>\n\n" +
                       "| a | b |\n|---|---|\n| 1 | 2 |\n\n" +
                       "Math $\\lambda \\|w\\|_1$, an [https link](https://example.org/x), an [anchor](#injections) and a picture " +
                       $"![pic](data:image/png;base64,{Png1x1})\n";
        static JsonObject Display(JsonObject data) => new() { ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = data };
        var chart = new JsonObject
        {
            ["data"] = new JsonArray(new JsonObject { ["type"] = "scatter", ["x"] = new JsonArray(1, 2, 3), ["y"] = new JsonArray(3, 1, 2) }),
            ["layout"] = new JsonObject { ["title"] = new JsonObject { ["text"] = $"</script><script>{P("plotly-title")}</script>" }, ["width"] = 500, ["height"] = 300 },
        };
        var outputs = new JsonArray(
            Display(new JsonObject { ["image/png"] = $"\"><script>{P("png")}</script>", ["text/plain"] = "png fallback shown" }),
            Display(new JsonObject { ["application/vnd.plotly.v1+json"] = $"alert(1);{P("plotly-string")}", ["text/plain"] = "chart fallback shown" }),
            Display(new JsonObject { ["application/vnd.plotly.v1+json"] = chart, ["text/plain"] = "chart" }),
            Display(new JsonObject { ["text/markdown"] = $"**md output** <img src=x onerror=\"{P("md-output")}\">", ["text/plain"] = "md" }),
            Display(new JsonObject { ["text/latex"] = $"</div><script>{P("latex")}</script>", ["text/plain"] = "latex" }),
            Display(new JsonObject { ["image/png"] = Png1x1, ["text/plain"] = "valid png" }));
        var nb = new JsonObject
        {
            ["cells"] = new JsonArray(
                new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = markdown },
                new JsonObject { ["cell_type"] = "code", ["execution_count"] = 1, ["metadata"] = new JsonObject(), ["source"] = "outputs", ["outputs"] = outputs }),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return nb.ToJsonString();
    }

    [Fact]
    public async Task ExportedPageOfANotebookCarryingEachInjectionRunsNoScriptAndStillShowsWhatItMeant()
    {
        if (PageChecker.Unavailable() is bool skip)
        {
            if (skip) return;
            Assert.Fail(PageChecker.MissingMessage);
        }
        var dir = TestPaths.NewTempDir("injection");
        var source = Path.Combine(dir, "injected.ipynb");
        File.WriteAllText(source, InjectionNotebookJson());
        var page = Path.Combine(dir, "injected.html");
        File.WriteAllText(page, HtmlExporter.ExportPage(NotebookFile.Read(source), "Injections"));

        var (playwright, browser) = await PageChecker.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var report = await PageChecker.CheckAsync(browser, page, Path.Combine(TestPaths.Root, "artifacts", "test-screenshots", "injections.png"));
            // the notebook's own broken pictures (src="x", their onerror removed) fail to load; nothing else may go wrong
            var problems = report.Problems.Where(p => p != "console error: Failed to load resource: net::ERR_FILE_NOT_FOUND").ToList();
            Assert.True(problems.Count == 0, string.Join("; ", problems));
            Assert.Equal(1, report.Charts);
            var tab = await browser.NewPageAsync();
            await tab.GotoAsync(new Uri(page).AbsoluteUri);
            await tab.WaitForTimeoutAsync(300);
            // click every link that stays on the page (a javascript: URL left in place would run now)
            var clicked = await tab.EvaluateAsync<int>("(() => { let n = 0; for (const a of document.querySelectorAll('section.markdown a, div.output-html a, div.output > p a')) { if (!/^https?:/i.test(a.getAttribute('href') || '')) { a.click(); n++; } } return n; })()");
            Assert.True(clicked >= 4, $"{clicked} links clicked");
            await tab.WaitForTimeoutAsync(300);
            Assert.Null(await tab.EvaluateAsync<string?>("document.documentElement.getAttribute('data-pwned')"));
            Assert.Equal(0, await tab.EvaluateAsync<int>("document.querySelectorAll('[onerror], [onload], [onclick]').length"));
            Assert.Equal(0, await tab.EvaluateAsync<int>("[...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|#|[a-z0-9._-]+\\.html$)/i.test(a.getAttribute('href'))).length"));

            // what the notebook meant is still there
            Assert.Equal(["1", "2"], await tab.Locator("section.markdown table td").AllTextContentsAsync());
            Assert.True(await tab.Locator("section.markdown .math .katex").CountAsync() >= 1);
            Assert.Equal(1, await tab.Locator("a[href='https://example.org/x']").CountAsync());
            Assert.Equal(1, await tab.Locator("a[href='#injections']").CountAsync());
            Assert.Equal(1, await tab.Locator("#injections").CountAsync());
            Assert.Equal(2, await tab.Locator("img[src^='data:image/png;base64,']").CountAsync()); // the markdown picture and the valid png output
            Assert.Contains("</script><script>", await tab.Locator("div.workbook-plotly .gtitle").TextContentAsync());
            var texts = string.Join("\n", await tab.Locator("pre.text").AllTextContentsAsync());
            Assert.Contains("png fallback shown", texts);
            Assert.Contains("chart fallback shown", texts);
            Assert.Equal("md output", await tab.Locator("div.output strong").TextContentAsync());
            Assert.Contains("<script>", await tab.Locator("div.output div.math").TextContentAsync());
        }
    }

    [Fact]
    public void SanitizedMarkdownKeepsTheMarkupTheNotebooksNeed()
    {
        var html = MarkdownRenderer.ToHtml("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n$x^2$ and $$\\sum_i w_i$$ [l](https://a.org) [n](#t) ![i](img/p.png)\n\n<details><summary>more</summary>hidden</details>");
        Assert.True(html.Contains("<table>", StringComparison.Ordinal), html);
        Assert.Contains("<span class=\"math\">\\(x^2\\)</span>", html);
        Assert.Contains("class=\"math math-display\"", html);
        Assert.Contains("<a href=\"https://a.org\">l</a>", html);
        Assert.Contains("<a href=\"#t\">n</a>", html);
        Assert.Contains("<img src=\"img/p.png\" alt=\"i\">", html);
        Assert.Contains("<h1 id=\"t\">T</h1>", html);
        Assert.Contains("<summary>more</summary>", html);
    }

    [Fact]
    public void TheWorkbookNotebooksMarkdownLosesNothingToTheSanitizer()
    {
        var cells = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.Root, "notebooks"), "*.ipynb", SearchOption.AllDirectories))
            foreach (var cell in NotebookFile.Read(file).Cells.Where(c => c.CellType == "markdown"))
            {
                var doc = Markdig.Markdown.Parse(cell.Source, MarkdownRenderer.Pipeline);
                var html = Markdig.Markdown.ToHtml(cell.Source, MarkdownRenderer.Pipeline);
                Assert.True(!OutputSanitizer.NeedsSanitizing(doc) || OutputSanitizer.IsSafeHtml(html),
                    $"{Path.GetFileName(file)}: the sanitizer would change this markdown cell:\n{cell.Source}");
                cells++;
            }
        Assert.True(cells > 50, $"{cells} markdown cells");
    }
}
