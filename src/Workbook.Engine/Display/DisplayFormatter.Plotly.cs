using System.Text.Json.Nodes;
using Workbook.Charts;

namespace Workbook.Engine.Display;

public sealed partial class DisplayFormatter
{
    /// <summary>The plotly.js version Plotly.NET embeds (and this engine inlines).</summary>
    public const string PlotlyJsVersion = ChartHtml.PlotlyJsVersion;

    /// <summary>The file name of plotly.js where it is shared: the workbook kernelspec, the exported site's assets.</summary>
    public const string PlotlyFileName = ChartHtml.PlotlyFileName;

    /// <summary>plotly.js (minified), exactly as Plotly.NET embeds it.</summary>
    public static string PlotlyJs => ChartHtml.PlotlyJs;

    /// <summary>
    /// The script elements that define <c>window.Plotly</c> from inlined plotly.js, hiding an AMD loader (require.js in
    /// classic Jupyter) while it runs so the global is defined.
    /// </summary>
    public static string PlotlyScriptElements() => ChartHtml.InlinePlotlyElements();

    /// <summary>
    /// The prefix of chart element ids (<c>&lt;prefix&gt;-&lt;cell&gt;-&lt;n&gt;</c>): <c>nb</c> by default, so headless runs
    /// are deterministic; a kernel sets one unique to its process, so after a restart a new chart never lands in an old
    /// output's element of the same page.
    /// </summary>
    public string ElementIdPrefix
    {
        get => _elementIdPrefix;
        set => _elementIdPrefix = value is { Length: > 0 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && char.IsAsciiLetter(value[0])
            ? value
            : throw new ArgumentException($"ElementIdPrefix is \"{value}\"; expected ASCII letters, digits, '-' or '_', starting with a letter.", nameof(value));
    }

    private string _elementIdPrefix = "nb";

    private Dictionary<string, string> FormatChart(Plotly.NET.GenericChart chart, int cell, int index)
    {
        var json = Plotly.NET.GenericChart.toJson(chart);
        var html = ChartHtml.Chart(json, $"{_elementIdPrefix}-{cell}-{index}", includePlotly: !_plotlyIncluded);
        _plotlyIncluded = true;
        return new()
        {
            ["text/html"] = html,
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
