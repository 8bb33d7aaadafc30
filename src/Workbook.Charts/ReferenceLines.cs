using Plotly.NET;
using Plotly.NET.CSharp;

namespace Workbook.Charts;

/// <summary>Reference lines to combine with data traces, e.g. the chosen penalty on a cross-validation curve.</summary>
public static class ReferenceLines
{
    /// <summary>
    /// A dashed vertical segment at <paramref name="x"/> from <paramref name="y0"/> to <paramref name="y1"/>, as a legend
    /// entry named <paramref name="name"/>: <c>Chart.Combine(new[] { curve, ReferenceLines.Vertical(Math.Log10(cv.AlphaMin), lo, hi, "AlphaMin", "royalblue") })</c>.
    /// </summary>
    /// <param name="x">Where the line stands, in x axis units.</param>
    /// <param name="y0">Its lower end, in y axis units.</param>
    /// <param name="y1">Its upper end.</param>
    /// <param name="name">The legend entry.</param>
    /// <param name="color">A CSS color name or hex code ("royalblue", "#1f77b4").</param>
    /// <returns>A one-trace line chart.</returns>
    public static GenericChart Vertical(double x, double y0, double y1, string name, string color)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(color);
        return Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { x, x }, y: new[] { y0, y1 }, Name: name,
            LineColor: Color.fromString(color), LineDash: StyleParam.DrawingStyle.Dash);
    }
}
