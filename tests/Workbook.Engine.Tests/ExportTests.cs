using Workbook.Engine.Html;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Tests;

[Collection(ExecutedNotebooksCollection.Name)]
public sealed class ExportTests(ExecutedNotebooks executed)
{
    [Fact]
    public void PageIsSelfContainedEscapesTextAndKeepsHtmlRaw()
    {
        var html = File.ReadAllText(executed.Page("basics.ipynb"));
        Assert.Contains("<title>Basics</title>", html);
        Assert.Contains("katex", html);
        Assert.Contains("data:font/woff2;base64,", html);
        Assert.Contains("<span class=\"math\">\\(\\lambda \\|w\\|_2^2\\)</span>", html);
        Assert.Contains("class=\"math math-display\"", html);
        Assert.Contains("<pre class=\"text\">&lt;b&gt;escaped&lt;/b&gt;</pre>", html);
        Assert.Contains("<div class=\"output-html\"><b>raw html</b></div>", html);
        Assert.Contains("<pre class=\"stream stderr\">a warning\n</pre>", html);
        Assert.Contains("<span class=\"tok-kw\">var</span>", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("https://cdn", html);
    }

    [Fact]
    public void ChartsPageInlinesPlotlyJsOnce()
    {
        var html = File.ReadAllText(executed.Page("charts.ipynb"));
        Assert.Equal(1, html.Split("plotly.js 2.28.0 (MIT), inlined").Length - 1);
        Assert.DoesNotContain("<script src", html);
    }

    [Fact]
    public void SitePagesShareOneLocalCopyOfPlotlyJsAndKatex()
    {
        var shared = File.ReadAllText(executed.SharedPage("charts.ipynb"));
        var alone = File.ReadAllText(executed.Page("charts.ipynb"));
        Assert.DoesNotContain("inlined by the workbook engine", shared);
        Assert.DoesNotContain("data:font/woff2", shared);
        Assert.Contains("<script type=\"text/javascript\" src=\"assets/plotly-2.28.0.min.js\"></script>", shared);
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">", shared);
        Assert.Contains("<script type=\"text/javascript\" src=\"assets/katex/katex.min.js\"></script>", shared);
        Assert.DoesNotContain("http", shared.Split("</head>")[0]);
        Assert.True(shared.Length * 20 < alone.Length, $"shared page {shared.Length} bytes, self-contained {alone.Length}");
        // the same outputs otherwise: the chart element and its figure are still there
        Assert.Contains("id=\"nb-1-1\" class=\"workbook-plotly\"", shared);

        var assets = Path.Combine(Path.GetDirectoryName(executed.SharedPage("charts.ipynb"))!, "assets");
        Assert.Equal(Engine.Display.DisplayFormatter.PlotlyJs, File.ReadAllText(Path.Combine(assets, "plotly-2.28.0.min.js")));
        Assert.Contains("data:font/woff2;base64,", File.ReadAllText(Path.Combine(assets, "katex", "katex.min.css")));
        Assert.True(new FileInfo(Path.Combine(assets, "katex", "katex.min.js")).Length > 100_000);
        // written once: a second write changes nothing
        Assert.Empty(SharedAssets.Write(Path.GetDirectoryName(assets)!));
    }

    [Fact]
    public void SitePagesOfChartsWithOnlyHtml_AsTheDotnetInteractiveToolWritesThem_LinkTheSharedPlotlyJs()
    {
        var nb = Notebook.CreateCSharp();
        var c = NotebookCell.Code("chart");
        c.Outputs.Add(NotebookOutput.Display(new Dictionary<string, string>
        {
            ["text/html"] = Engine.Display.DisplayFormatter.PlotlyScriptElements() + "<div id=\"wb-0123abcd-1\" class=\"workbook-plotly\"></div>",
        }));
        nb.Cells.Add(c);
        var html = HtmlExporter.ExportPage(nb, "t", assetsHref: "assets/");
        Assert.DoesNotContain("inlined by the workbook engine", html);
        Assert.Contains("<script type=\"text/javascript\" src=\"assets/plotly-2.28.0.min.js\"></script>", html);
    }

    [Fact]
    public void ErrorsAndPlainTextAreEscaped()
    {
        var nb = Notebook.CreateCSharp();
        var c = NotebookCell.Code("x");
        c.ExecutionCount = 1;
        c.Outputs.Add(NotebookOutput.Error("E", "<script>alert(1)</script>", ["E: <script>", "  at <frame>"]));
        c.Outputs.Add(NotebookOutput.Display(new Dictionary<string, string> { ["text/plain"] = "<img src=x onerror=alert(1)>" }));
        nb.Cells.Add(c);
        var html = HtmlExporter.ExportPage(nb, "t");
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void ChartOutputsWithoutHtmlAreRenderedFromPlotlyJsonWithPlotlyJsInTheHead()
    {
        var nb = Notebook.CreateCSharp();
        var c = NotebookCell.Code("chart");
        c.Outputs.Add(NotebookOutput.Display(new Dictionary<string, string>
        {
            ["application/vnd.plotly.v1+json"] = "{\"data\":[{\"type\":\"scatter\",\"x\":[1,2],\"y\":[3,4]}],\"layout\":{}}",
            ["text/plain"] = "chart",
        }));
        nb.Cells.Add(c);
        var html = HtmlExporter.ExportPage(nb, "t");
        Assert.Contains("plotly.js 2.28.0 (MIT), inlined", html);
        Assert.Contains("Plotly.newPlot(\"plotly-", html);
    }
}
