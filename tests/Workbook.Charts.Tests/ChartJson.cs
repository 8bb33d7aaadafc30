using System.Text.Json.Nodes;
using Plotly.NET;

namespace Workbook.Charts.Tests;

/// <summary>A chart as the JSON Plotly.NET writes for it (what the engine displays): <c>{ data: [...], layout: {...} }</c>.</summary>
internal static class ChartJson
{
    public static JsonObject Of(GenericChart chart) => JsonNode.Parse(GenericChart.toJson(chart))!.AsObject();

    public static JsonObject Layout(GenericChart chart) => Of(chart)["layout"]!.AsObject();

    public static JsonArray Traces(GenericChart chart) => Of(chart)["data"]!.AsArray();
}
