using System.Net;
using System.Text;
using Workbook.Engine.Display;
using Workbook.Engine.Notebooks;

namespace Workbook.Engine.Html;

/// <summary>
/// Exports notebooks as self-contained HTML pages (no network access needed to view them): markdown through Markdig with
/// math rendered by KaTeX embedded in the page, highlighted code, and every output. <c>text/plain</c>, streams and errors are
/// escaped; only <c>text/html</c> (and SVG) is inserted raw; markdown is sanitized, image data checked as base64 and chart
/// JSON re-serialized (<see cref="OutputSanitizer"/>). plotly.js is inlined once per page (from the first chart output,
/// or added in the head when a page has charts whose outputs do not carry it); pages of a site instead link the files
/// <see cref="SharedAssets"/> writes beside them (plotly.js and KaTeX, one local copy for all pages).
/// </summary>
public static class HtmlExporter
{
    private const string PlotlyMarker = "inlined by the workbook engine */";

    /// <summary>Renders one notebook as a complete HTML page.</summary>
    /// <param name="notebook">The (executed) notebook.</param>
    /// <param name="title">The page title.</param>
    /// <param name="indexHref">Link back to the index page, or null for none.</param>
    /// <param name="previous">The previous page (href, title), or null.</param>
    /// <param name="next">The next page (href, title), or null.</param>
    /// <param name="assetsHref">The folder holding <see cref="SharedAssets"/> relative to the page (<c>"assets/"</c>): the page
    /// links plotly.js and KaTeX there instead of inlining them. Null for a self-contained page.</param>
    public static string ExportPage(Notebook notebook, string title, string? indexHref = "index.html",
        (string Href, string Title)? previous = null, (string Href, string Title)? next = null, string? assetsHref = null)
    {
        var body = new StringBuilder();
        var hasCharts = false;
        var hasPlotlyJs = false;
        foreach (var cell in notebook.Cells)
        {
            switch (cell.CellType)
            {
                case "markdown":
                    body.Append("<section class=\"cell markdown\">\n").Append(MarkdownRenderer.ToHtml(cell.Source)).Append("</section>\n");
                    break;
                case "raw":
                    body.Append("<section class=\"cell raw\"><pre>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre></section>\n");
                    break;
                default:
                    body.Append("<section class=\"cell code\">\n<div class=\"input\"><div class=\"prompt\">In&nbsp;[")
                        .Append(cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "&nbsp;")
                        .Append("]:</div><pre class=\"source\"><code class=\"language-csharp\">")
                        .Append(CSharpHighlighter.Highlight(cell.Source)).Append("</code></pre></div>\n");
                    if (cell.Outputs.Count > 0)
                    {
                        body.Append("<div class=\"outputs\">\n");
                        foreach (var o in cell.Outputs)
                        {
                            var html = OutputHtml(o, ref hasCharts);
                            if (assetsHref is not null)
                            {
                                // charts with only text/html (e.g. run in the .NET Interactive tool) need the shared plotly.js too
                                hasCharts |= html.Contains("class=\"workbook-plotly\"", StringComparison.Ordinal);
                                html = html.Replace(DisplayFormatter.PlotlyScriptElements(), "", StringComparison.Ordinal);
                            }
                            hasPlotlyJs |= html.Contains(PlotlyMarker, StringComparison.Ordinal);
                            body.Append("<div class=\"output\">").Append(html).Append("</div>\n");
                        }
                        body.Append("</div>\n");
                    }
                    body.Append("</section>\n");
                    break;
            }
        }

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>\n").Append(EmbeddedAssets.SiteCss).Append("</style>\n");
        if (assetsHref is not null)
        {
            var a = WebUtility.HtmlEncode(assetsHref.EndsWith('/') ? assetsHref : assetsHref + "/");
            if (EmbeddedAssets.HasKatex)
                page.Append($"<link rel=\"stylesheet\" href=\"{a}{SharedAssets.KatexCss}\">\n<script type=\"text/javascript\" src=\"{a}{SharedAssets.KatexJs}\"></script>\n");
            if (hasCharts) page.Append($"<script type=\"text/javascript\" src=\"{a}{SharedAssets.PlotlyJs}\"></script>\n");
        }
        else
        {
            if (EmbeddedAssets.HasKatex)
                page.Append("<style>\n").Append(EmbeddedAssets.KatexCss).Append("\n</style>\n")
                    .Append("<script type=\"text/javascript\">\n").Append(EmbeddedAssets.KatexJs).Append("\n</script>\n");
            if (hasCharts && !hasPlotlyJs) page.Append(DisplayFormatter.PlotlyScriptElements());
        }
        page.Append("</head>\n<body>\n");
        if (indexHref is not null)
            page.Append("<header class=\"site\"><a href=\"").Append(WebUtility.HtmlEncode(indexHref)).Append("\">&larr; All notebooks</a></header>\n");
        page.Append("<main>\n").Append(body);
        if (previous is not null || next is not null)
        {
            page.Append("<nav class=\"pager\">");
            if (previous is { } p) page.Append("<a class=\"prev\" href=\"").Append(WebUtility.HtmlEncode(p.Href)).Append("\">&larr; ").Append(WebUtility.HtmlEncode(p.Title)).Append("</a>");
            if (next is { } n) page.Append("<a class=\"next\" href=\"").Append(WebUtility.HtmlEncode(n.Href)).Append("\">").Append(WebUtility.HtmlEncode(n.Title)).Append(" &rarr;</a>");
            page.Append("</nav>\n");
        }
        page.Append("</main>\n")
            .Append("<script type=\"text/javascript\">\n").Append(EmbeddedAssets.RenderMathJs).Append("</script>\n")
            .Append("</body>\n</html>\n");
        return page.ToString();
    }

    private static string OutputHtml(NotebookOutput o, ref bool hasCharts)
    {
        switch (o.OutputType)
        {
            case "stream":
                return $"<pre class=\"stream {(o.Name == "stderr" ? "stderr" : "stdout")}\">{WebUtility.HtmlEncode(o.Text ?? "")}</pre>";
            case "error":
                var text = string.Join("\n", new[] { $"{o.EName}: {o.EValue}" }.Concat((o.Traceback ?? []).Skip(1)));
                return $"<pre class=\"error\">{WebUtility.HtmlEncode(StripAnsi(text))}</pre>";
        }
        var data = o.Data ?? new Dictionary<string, string>();
        if (data.ContainsKey("application/vnd.plotly.v1+json")) hasCharts = true;
        // application/javascript is a trusted output type of this engine (the javascript kernel's output): it runs in the page.
        if (data.TryGetValue("application/javascript", out var js))
            return $"<script type=\"text/javascript\" data-workbook-output=\"javascript\">{js.Replace("</", "<\\/", StringComparison.Ordinal)}</script>";
        if (data.TryGetValue("text/html", out var html)) return $"<div class=\"output-html\">{html}</div>";
        if (data.TryGetValue("application/vnd.plotly.v1+json", out var fig) && OutputSanitizer.ScriptSafeJsonObject(fig) is { } safeFig)
        {
            var id = "plotly-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(fig)))[..12];
            return $"<div id=\"{id}\" class=\"workbook-plotly\"></div><script type=\"text/javascript\">(function(){{var fig={safeFig};Plotly.newPlot(\"{id}\",fig.data,fig.layout,fig.config);}})();</script>";
        }
        if (data.TryGetValue("image/svg+xml", out var svg)) return svg;
        if (OutputSanitizer.ImageElement(data) is { } img) return img;
        if (data.TryGetValue("text/markdown", out var md)) return MarkdownRenderer.ToHtml(md);
        if (data.TryGetValue("text/latex", out var tex)) return $"<div class=\"math\">{WebUtility.HtmlEncode(tex)}</div>";
        if (data.TryGetValue("text/plain", out var plain)) return $"<pre class=\"text\">{WebUtility.HtmlEncode(plain)}</pre>";
        return "";
    }

    private static string StripAnsi(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\u001b\\[[0-9;]*m", "");

    /// <summary>One entry of the site index.</summary>
    /// <param name="Href">The page file name.</param>
    /// <param name="Title">The title shown.</param>
    /// <param name="Status">A short status ("ran in 3.2 s", "failed at cell 4"), or null.</param>
    /// <param name="Ok">False to mark the entry as failed.</param>
    public sealed record IndexEntry(string Href, string Title, string? Status, bool Ok = true);

    /// <summary>Renders the site's index page.</summary>
    public static string ExportIndex(string title, IEnumerable<IndexEntry> entries)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(EmbeddedAssets.SiteCss).Append("</style>\n</head>\n<body>\n<main>\n<h1>")
            .Append(WebUtility.HtmlEncode(title)).Append("</h1>\n<ul class=\"index\">\n");
        foreach (var e in entries)
        {
            sb.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(e.Href)).Append("\">").Append(WebUtility.HtmlEncode(e.Title)).Append("</a>");
            if (e.Status is not null)
                sb.Append(" <span class=\"").Append(e.Ok ? "status-ok" : "status-failed").Append("\">").Append(WebUtility.HtmlEncode(e.Status)).Append("</span>");
            sb.Append("</li>\n");
        }
        return sb.Append("</ul>\n</main>\n</body>\n</html>\n").ToString();
    }

    /// <summary>The title of a notebook: its first markdown heading, else <paramref name="fallback"/>.</summary>
    public static string TitleOf(Notebook notebook, string fallback)
    {
        foreach (var c in notebook.Cells.Where(c => c.CellType == "markdown"))
            foreach (var line in c.Source.Split('\n'))
                if (line.StartsWith("# ", StringComparison.Ordinal)) return line[2..].Trim();
        return fallback;
    }
}
