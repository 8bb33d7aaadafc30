using System.Text;
using System.Text.Json.Nodes;

namespace Workbook.Engine.Display;

public sealed partial class DisplayFormatter
{
    private static readonly Lazy<string> s_plotlyJs = new(LoadPlotlyJs);

    /// <summary>The plotly.js version Plotly.NET embeds (and this engine inlines).</summary>
    public const string PlotlyJsVersion = "2.28.0";

    /// <summary>plotly.js (minified) as embedded in Plotly.NET, made safe to inline in a script element.</summary>
    public static string PlotlyJs => s_plotlyJs.Value;

    private static string LoadPlotlyJs()
    {
        var asm = typeof(Plotly.NET.GenericChart).Assembly;
        var name = asm.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".min.js", StringComparison.Ordinal) && n.Contains("plotly", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("Plotly.NET does not embed plotly.js; cannot display charts offline.");
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The script elements that define <c>window.Plotly</c> from inlined plotly.js, hiding an AMD loader (require.js in
    /// classic Jupyter) while it runs so the global is defined.
    /// </summary>
    public static string PlotlyScriptElements() =>
        "<script type=\"text/javascript\">window.__workbookDefine=window.define;window.define=undefined;</script>\n" +
        $"<script type=\"text/javascript\">/* plotly.js {PlotlyJsVersion} (MIT), inlined by the workbook engine */\n" + PlotlyJs + "\n</script>\n" +
        "<script type=\"text/javascript\">window.define=window.__workbookDefine;</script>\n";

    private Dictionary<string, string> FormatChart(Plotly.NET.GenericChart chart, string id)
    {
        var json = Plotly.NET.GenericChart.toJson(chart);
        var html = new StringBuilder();
        if (!_plotlyIncluded)
        {
            html.Append(PlotlyScriptElements());
            _plotlyIncluded = true;
        }
        var safe = json.Replace("</", "<\\/", StringComparison.Ordinal);
        html.Append($"<div id=\"{id}\" class=\"workbook-plotly\"></div>\n");
        html.Append("<script type=\"text/javascript\">(function(){var fig=").Append(safe)
            .Append($";if(window.Plotly){{Plotly.newPlot(\"{id}\",fig.data,fig.layout,fig.config);}}")
            .Append($"else{{document.getElementById(\"{id}\").textContent=\"plotly.js is not loaded: re-run the notebook's first chart cell.\";}}")
            .Append("})();</script>\n");
        return new()
        {
            ["text/html"] = html.ToString(),
            ["application/vnd.plotly.v1+json"] = json,
            ["text/plain"] = ChartSummary(json),
        };
    }

    private static string ChartSummary(string json)
    {
        try
        {
            var fig = JsonNode.Parse(json)!;
            var traces = (fig["data"] as JsonArray ?? []).Select(t => (t?["type"]?.GetValue<string>() ?? "trace") + (t?["name"] is JsonValue n ? $" \"{n}\"" : "")).ToList();
            var title = fig["layout"]?["title"] is JsonObject t2 ? t2["text"]?.GetValue<string>() : fig["layout"]?["title"]?.GetValue<string>();
            return $"Plotly chart{(title is null ? "" : $" \"{title}\"")}: {traces.Count} trace(s) [{string.Join(", ", traces)}]";
        }
        catch (Exception)
        {
            return "Plotly chart";
        }
    }
}
