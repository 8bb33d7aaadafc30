using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace Workbook.Charts.Tests;

public class TraceExtensionsTests
{
    private static GenericChart Points(string name) =>
        Chart.Point<double, double, string>(x: new[] { 1.0, 2.0, 3.0 }, y: new[] { 10.0, 8.0, 9.0 }, Name: name);

    [Fact]
    public void WithErrorBarsPutsTheHalfLengthsOnEveryTrace()
    {
        double[] se = [0.5, 0.25, 1.5];
        var chart = Chart.Combine(new[] { Points("a"), Points("b") }).WithErrorBars(se.Select(v => v));   // any sequence
        var traces = ChartJson.Traces(chart);
        Assert.Equal(2, traces.Count);
        foreach (var t in traces)
        {
            var e = t!["error_y"]!;
            Assert.Equal("data", (string?)e["type"]);
            Assert.Equal(se, e["array"]!.AsArray().Select(v => (double)v!).ToArray());
            Assert.True((bool)e["visible"]!);
            Assert.Equal(1, (int)e["thickness"]!);
        }
    }

    [Fact]
    public void WithErrorBarsRejectsNegativeHalfLengthsButAllowsNaN()
    {
        var e = Assert.Throws<ArgumentException>(() => Points("a").WithErrorBars([0.1, -0.2, 0.3]));
        Assert.Equal("errors", e.ParamName);
        Assert.Contains("errors[1] is -0.2", e.Message);
        var ok = ChartJson.Traces(Points("a").WithErrorBars([0.1, double.NaN, 0.3]));
        Assert.Equal(3, ok[0]!["error_y"]!["array"]!.AsArray().Count);
    }

    [Fact]
    public void OnSecondAxisMovesOnlyItsOwnTracesToY2()
    {
        var chart = Chart.Combine(new[] { Points("left"), Points("right").OnSecondAxis() }).WithSecondAxis("count");
        var traces = ChartJson.Traces(chart);
        Assert.Null(traces[0]!["yaxis"]);
        Assert.Equal("y2", (string?)traces[1]!["yaxis"]);
    }

    [Fact]
    public void WithContourLinesSetsALineWidthOnContourTraces()
    {
        double[][] z = [[1, 2, 3], [2, 3, 4], [3, 4, 5]];
        var contour = Chart.Contour<double, double, double, string>(zData: z, X: new[] { 0.0, 1.0, 2.0 }, Y: new[] { 0.0, 1.0, 2.0 });
        Assert.Equal(1.2, (double)ChartJson.Traces(contour.WithContourLines())[0]!["line"]!["width"]!);
        Assert.Equal(2.0, (double)ChartJson.Traces(contour.WithContourLines(2.0))[0]!["line"]!["width"]!);
        Assert.Throws<ArgumentOutOfRangeException>(() => contour.WithContourLines(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => contour.WithContourLines(double.NaN));
    }
}
