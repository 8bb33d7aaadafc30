using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive.Formatting;

namespace Workbook.Charts.Tests;

/// <summary>
/// <see cref="ChartDisplay.Register"/>, which the opening cell calls for the .NET Interactive tool (whose end-to-end proof
/// is tests/Workbook.Kernel.Tests/DotnetInteractiveToolTests): the FSharp.Core redirect and the chart formatter.
/// </summary>
public class ChartDisplayTests
{
    [Fact]
    public void TheRedirectAnswersARequestForANewerFSharpCoreWithTheLoadedOne_AndNothingElse()
    {
        var loaded = typeof(Microsoft.FSharp.Core.FSharpFunc<int, int>).Assembly;
        var newer = new AssemblyName("FSharp.Core, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
        Assert.Same(loaded, ChartDisplay.ResolveFSharpCore(AssemblyLoadContext.Default, newer));
        Assert.Null(ChartDisplay.ResolveFSharpCore(AssemblyLoadContext.Default, new AssemblyName("Plotly.NET, Version=99.0.0.0")));
    }

    [Fact]
    public void RegisteredCharts_FormatAsTheWorkbooksChartHtml_PlotlyJsWithTheFirstOnly_IdsUniqueInTheProcess()
    {
        Assert.False(ChartDisplay.InsideWorkbookEngine());
        ChartDisplay.Register();
        ChartDisplay.Register(); // idempotent
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 }).Titled("t");
        Assert.Equal("text/html", Formatter.GetPreferredMimeTypesFor(chart.GetType()).First());
        var first = Formatter.ToDisplayString(chart, "text/html");
        var second = Formatter.ToDisplayString(chart, "text/html");
        Assert.Contains("plotly.js 2.28.0 (MIT), inlined by the workbook engine", first);
        Assert.DoesNotContain("inlined by the workbook engine", second);
        var ids = new[] { first, second }.Select(h => System.Text.RegularExpressions.Regex.Match(h, "<div id=\"(wb-[0-9a-f]{8}-[0-9]+)\" class=\"workbook-plotly\">").Groups[1].Value).ToList();
        Assert.All(ids, id => Assert.NotEqual("", id));
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Contains("P.newPlot(id,fig.data,fig.layout,fig.config)", second);
        Assert.Contains(ChartJson.Of(chart)["layout"]!["title"]!["text"]!.GetValue<string>(), second);
    }
}
