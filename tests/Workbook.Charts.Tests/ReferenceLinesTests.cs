namespace Workbook.Charts.Tests;

public class ReferenceLinesTests
{
    [Fact]
    public void VerticalIsADashedNamedSegmentAtX()
    {
        var trace = ChartJson.Traces(ReferenceLines.Vertical(-1.5, 2.0, 7.5, "AlphaMin", "royalblue"))[0]!;
        Assert.Equal([-1.5, -1.5], trace["x"]!.AsArray().Select(v => (double)v!).ToArray());
        Assert.Equal([2.0, 7.5], trace["y"]!.AsArray().Select(v => (double)v!).ToArray());
        Assert.Equal("AlphaMin", (string?)trace["name"]);
        Assert.Equal("lines", (string?)trace["mode"]);
        Assert.Equal("royalblue", (string?)trace["line"]!["color"]);
        Assert.Equal("dash", (string?)trace["line"]!["dash"]);
    }

    [Fact]
    public void VerticalNeedsANameAndAColor()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => ReferenceLines.Vertical(0, 0, 1, null!, "gray")).ParamName);
        Assert.Equal("color", Assert.Throws<ArgumentNullException>(() => ReferenceLines.Vertical(0, 0, 1, "x", null!)).ParamName);
    }
}
