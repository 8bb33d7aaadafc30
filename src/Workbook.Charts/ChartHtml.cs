using System.Text;

namespace Workbook.Charts;

/// <summary>
/// The HTML of a Plotly.NET chart output, shared by the workbook engine (which compiles this file too, see
/// Workbook.Engine.csproj) and <c>ChartDisplay</c> (the formatter used under the .NET Interactive tool), so a chart
/// looks the same in every front end:
/// <list type="bullet">
/// <item>plotly.js inlined once per document (<see cref="InlinePlotlyElements"/>, from the copy Plotly.NET embeds);</item>
/// <item>a <c>div.workbook-plotly</c> and a script that draws into it when <c>window.Plotly</c> exists, else waits for
/// plotly.js to appear later in the page (a saved notebook whose first chart output comes further down), and, inside a
/// Jupyter server's page, loads the copy the workbook kernelspec carries (<c>{base_url}kernelspecs/workbook-csharp/</c>):
/// after a page reload of a running kernel no output may still hold plotly.js;</item>
/// <item>a visible hint, removed when the chart is drawn, saying why a chart is blank when its script does not run
/// (an untrusted notebook in Jupyter, where text/html is sanitized).</item>
/// </list>
/// </summary>
internal static class ChartHtml
{
    /// <summary>The plotly.js version Plotly.NET embeds.</summary>
    public const string PlotlyJsVersion = "2.28.0";

    /// <summary>The file name of plotly.js where it is shared (the kernelspec, the exported site's assets).</summary>
    public const string PlotlyFileName = "plotly-" + PlotlyJsVersion + ".min.js";

    /// <summary>Where a Jupyter server serves the workbook kernel's copy of plotly.js, relative to its base URL.</summary>
    public const string JupyterPlotlyPath = "kernelspecs/workbook-csharp/" + PlotlyFileName;

    /// <summary>The comment that opens inlined plotly.js (the HTML export finds and shares it by this marker).</summary>
    public const string InlineMarker = "inlined by the workbook engine */";

    /// <summary>The event the inlined plotly.js fires on <c>window</c> once <c>window.Plotly</c> is defined.</summary>
    public const string ReadyEvent = "workbook-plotly";

    private static readonly Lazy<string> s_plotlyJs = new(LoadPlotlyJs);

    /// <summary>plotly.js (minified) exactly as Plotly.NET embeds it.</summary>
    public static string PlotlyJs => s_plotlyJs.Value;

    private static string LoadPlotlyJs()
    {
        var asm = typeof(Plotly.NET.GenericChart).Assembly;
        var name = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".min.js", StringComparison.Ordinal) && n.Contains("plotly", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("Plotly.NET does not embed plotly.js; cannot display charts offline.");
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    /// <summary>
    /// The script elements that define <c>window.Plotly</c> from inlined plotly.js, hiding an AMD loader (require.js in
    /// classic Jupyter) while it runs so the global is defined, then firing <see cref="ReadyEvent"/>.
    /// </summary>
    public static string InlinePlotlyElements() =>
        "<script type=\"text/javascript\">window.__workbookDefine=window.define;window.define=undefined;</script>\n" +
        $"<script type=\"text/javascript\">/* plotly.js {PlotlyJsVersion} (MIT), {InlineMarker}\n" +
        PlotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "\n</script>\n" +
        $"<script type=\"text/javascript\">window.define=window.__workbookDefine;window.dispatchEvent(new Event(\"{ReadyEvent}\"));</script>\n";

    /// <summary>The chart output's HTML for the figure <paramref name="json"/> (Plotly.NET's <c>GenericChart.toJson</c>).</summary>
    /// <param name="json">The figure: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</param>
    /// <param name="id">The element id, unique in the document.</param>
    /// <param name="includePlotly">Whether to inline plotly.js first (the first chart of a document).</param>
    public static string Chart(string json, string id, bool includePlotly)
    {
        var html = new StringBuilder();
        if (includePlotly) html.Append(InlinePlotlyElements());
        var safe = json.Replace("</", "<\\/", StringComparison.Ordinal);
        html.Append($"<div id=\"{id}\" class=\"workbook-plotly\"></div>\n");
        html.Append($"<p id=\"{id}-hint\" class=\"workbook-chart-hint\">[chart not drawn: its script has not run. In Jupyter, trust the notebook " +
                    "(File &gt; Trust Notebook, or jupyter trust NAME.ipynb) and reopen it; the figure is in this output's application/vnd.plotly.v1+json.]</p>\n");
        html.Append("<script type=\"text/javascript\">(function(){var fig=").Append(safe)
            .Append($";var id=\"{id}\",w=window,d=document;")
            .Append("function hint(t){var h=d.getElementById(id+\"-hint\");if(h){if(t){h.textContent=t;}else{h.parentNode.removeChild(h);}}}")
            .Append("function draw(P){hint(null);P.newPlot(id,fig.data,fig.layout,fig.config);}")
            .Append("if(w.Plotly){draw(w.Plotly);return;}")
            .Append("hint(\"[loading plotly.js ...]\");")
            .Append("if(!w.__workbookPlotly){w.__workbookPlotly=new Promise(function(ok){")
            .Append($"w.addEventListener(\"{ReadyEvent}\",function(){{ok(w.Plotly);}});")
            .Append("var b=d.body?d.body.getAttribute(\"data-base-url\"):null,c=d.getElementById(\"jupyter-config-data\");")
            .Append("if(b===null&&c){try{b=JSON.parse(c.textContent).baseUrl;}catch(e){b=null;}}")
            .Append("if(typeof b!==\"string\"){return;}")
            .Append($"var u=b.replace(/\\/?$/,\"/\")+\"{JupyterPlotlyPath}\";")
            .Append("if(typeof w.require===\"function\"&&w.define&&w.define.amd){w.require([u],function(P){w.Plotly=w.Plotly||P;ok(w.Plotly);},function(){});}")
            .Append("else{var s=d.createElement(\"script\");s.src=u;s.onload=function(){if(w.Plotly){ok(w.Plotly);}};d.head.appendChild(s);}")
            .Append("});}")
            .Append("w.__workbookPlotly.then(draw);")
            .Append("setTimeout(function(){if(!w.Plotly){hint(\"[plotly.js is not loaded: no output of this page carries it (the first chart a kernel draws does). " +
                    "Restart the kernel and run the notebook again, or open it in Jupyter with the workbook kernel installed (workbook kernel install), which serves plotly.js.]\");}},8000);")
            .Append("})();</script>\n");
        return html.ToString();
    }
}
