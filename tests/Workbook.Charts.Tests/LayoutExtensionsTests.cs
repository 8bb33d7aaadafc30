using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace Workbook.Charts.Tests;

public class LayoutExtensionsTests
{
    private static GenericChart Line(string name = "line") =>
        Chart.Line<double, double, string>(x: new[] { 1.0, 2.0, 3.0 }, y: new[] { 4.0, 5.0, 7.0 }, Name: name);

    [Fact]
    public void TitledSetsTheTitleAndTheDefaultPageSize()
    {
        var layout = ChartJson.Layout(Line().Titled("Ridge path on diabetes"));
        Assert.Equal("Ridge path on diabetes", (string?)layout["title"]!["text"]);
        Assert.Equal(860, (int)layout["width"]!);
        Assert.Equal(480, (int)layout["height"]!);
    }

    [Fact]
    public void TitledTakesAnExplicitSizeAndReplacesAnEarlierOne()
    {
        var layout = ChartJson.Layout(Line().WithSize(300, 200).Titled("Unit balls", 640, 560));
        Assert.Equal("Unit balls", (string?)layout["title"]!["text"]);
        Assert.Equal(640, (int)layout["width"]!);
        Assert.Equal(560, (int)layout["height"]!);
    }

    [Fact]
    public void TitledKeepsTheAxisStyles()
    {
        var layout = ChartJson.Layout(Line().WithXAxisStyle<double, double, string>(TitleText: "log₁₀ α").Titled("t", 820, 440));
        Assert.Equal("log₁₀ α", (string?)layout["xaxis"]!["title"]!["text"]);
    }

    [Theory]
    [InlineData(0, 480, "width")]
    [InlineData(860, -1, "height")]
    public void TitledRejectsASizeBelowOnePixel(int width, int height, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Line().Titled("t", width, height));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("at least 1 pixel", e.Message);
        Assert.Throws<ArgumentNullException>(() => Line().Titled(null!));
    }

    [Fact]
    public void EqualAxesAnchorsTheYScaleToX()
    {
        var styled = Line().WithYAxisStyle<double, double, string>(TitleText: "w₂").EqualAxes();
        var yaxis = ChartJson.Layout(styled)["yaxis"]!;
        Assert.Equal("x", (string?)yaxis["scaleanchor"]);
        Assert.Equal("w₂", (string?)yaxis["title"]!["text"]);   // the existing axis is kept, not replaced

        // without an axis style yet, the y axis is created
        Assert.Equal("x", (string?)ChartJson.Layout(Line().EqualAxes())["yaxis"]!["scaleanchor"]);
    }

    [Fact]
    public void WithSecondAxisAddsARightHandAxisAndMovesTheLegendPastIt()
    {
        var layout = ChartJson.Layout(Line().WithSecondAxis("number of non-zero coefficients"));
        var y2 = layout["yaxis2"]!;
        Assert.Equal("number of non-zero coefficients", (string?)y2["title"]!["text"]);
        Assert.Equal("y", (string?)y2["overlaying"]);
        Assert.Equal("right", (string?)y2["side"]);
        Assert.False((bool)y2["showgrid"]!);
        Assert.Equal("tozero", (string?)y2["rangemode"]);
        Assert.Equal(1.1, (double)layout["legend"]!["x"]!);
        Assert.Equal("left", (string?)layout["legend"]!["xanchor"]);
        Assert.Equal(1, (double)layout["legend"]!["y"]!);
    }

    [Fact]
    public void OverlaidSetsTheBarModeAndKeepsTheTraces()
    {
        var hist = Chart.Combine(new[]
        {
            Chart.Histogram<double, double, string>(X: new[] { 1.0, 2.0, 2.0 }, Name: "a", Opacity: 0.5),
            Chart.Histogram<double, double, string>(X: new[] { 2.0, 3.0 }, Name: "b", Opacity: 0.5),
        });
        var json = ChartJson.Of(hist.Overlaid());
        Assert.Equal("overlay", (string?)json["layout"]!["barmode"]);
        Assert.Equal(2, json["data"]!.AsArray().Count);
    }

    [Fact]
    public void WithAxisTitlesTitlesBothAxesAndCanMakeXLogarithmic()
    {
        var log = ChartJson.Layout(Line().WithAxisTitles("C (log scale)", "test accuracy (%)", logX: true));
        Assert.Equal("C (log scale)", (string?)log["xaxis"]!["title"]!["text"]);
        Assert.Equal("log", (string?)log["xaxis"]!["type"]);
        Assert.Equal("test accuracy (%)", (string?)log["yaxis"]!["title"]!["text"]);
        Assert.Equal("linear", (string?)ChartJson.Layout(Line().WithAxisTitles("x", "y"))["xaxis"]!["type"]);
    }
}
