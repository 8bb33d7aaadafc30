using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;

namespace Workbook.Charts;

/// <summary>
/// Layout helpers for <see cref="GenericChart"/>, written fluently after the chart they style:
/// <code>
/// Chart.Combine(traces)
///     .WithXAxisStyle&lt;double, double, string&gt;(TitleText: "log₁₀ α")
///     .Titled("Lasso path on diabetes", 820, 480)
///     .WithSecondAxis("number of non-zero coefficients")
/// </code>
/// Like Plotly.NET's own <c>DynamicObj</c> setters, the helpers that set a layout property directly
/// (<see cref="EqualAxes"/>, <see cref="WithSecondAxis"/>) change the chart's layout in place and return the same chart.
/// </summary>
public static class LayoutExtensions
{
    /// <summary>The width the notebooks' charts use unless they ask for another one: it fits the exported page.</summary>
    public const int DefaultWidth = 860;

    /// <summary>The default height of a chart, in pixels.</summary>
    public const int DefaultHeight = 480;

    /// <summary>Sets the chart's title and its size in pixels (every workbook chart has both).</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="title">The title shown above the plot.</param>
    /// <param name="width">Width in pixels, at least 1 (<see cref="DefaultWidth"/> fits the exported page).</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <returns>The titled, sized chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chart"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is below 1.</exception>
    public static GenericChart Titled(this GenericChart chart, string title, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(title);
        Positive(width, nameof(width));
        Positive(height, nameof(height));
        var titled = Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
        return Plotly.NET.Chart.withSize(new FSharpOption<int>(width), new FSharpOption<int>(height)).Invoke(titled);
    }

    /// <summary>
    /// Gives both axes the same scale (<c>yaxis.scaleanchor = "x"</c>), so a circle looks round: for unit balls, contours
    /// and trajectories in the plane. Changes the layout in place.
    /// </summary>
    /// <param name="chart">The chart; its y axis is created when no axis style was set yet.</param>
    /// <returns>The same chart.</returns>
    public static GenericChart EqualAxes(this GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var layout = GenericChart.getLayout(chart);
        var existing = layout.TryGetPropertyValue("yaxis");
        if (FSharpOption<object>.get_IsSome(existing) && existing.Value is DynamicObj.DynamicObj yaxis)
        {
            yaxis.SetProperty("scaleanchor", "x");
        }
        else
        {
            var axis = new LinearAxis();
            axis.SetProperty("scaleanchor", "x");
            layout.SetProperty("yaxis", axis);
        }

        return chart;
    }

    /// <summary>
    /// Adds a second y axis on the right (<c>yaxis2</c>: overlaying <c>y</c>, no grid, range from zero) titled
    /// <paramref name="title"/>, and moves the legend to the right of it so the two do not overlap. Put traces on it with
    /// <see cref="TraceExtensions.OnSecondAxis"/>. Changes the layout in place.
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <param name="title">The title of the right-hand axis, with its unit.</param>
    /// <returns>The same chart.</returns>
    public static GenericChart WithSecondAxis(this GenericChart chart, string title)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(title);
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("yaxis2", new Dictionary<string, object>
        {
            ["title"] = new Dictionary<string, object> { ["text"] = title },
            ["overlaying"] = "y",
            ["side"] = "right",
            ["showgrid"] = false,
            ["rangemode"] = "tozero",
        });
        layout.SetProperty("legend", new Dictionary<string, object> { ["x"] = 1.1, ["xanchor"] = "left", ["y"] = 1 });
        return chart;
    }

    /// <summary>Draws the chart's histograms over each other (<c>barmode = "overlay"</c>) instead of side by side; give them an opacity below 1.</summary>
    /// <param name="chart">The chart, usually several histograms combined.</param>
    /// <returns>The chart with the overlay bar mode.</returns>
    public static GenericChart Overlaid(this GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var layout = new Layout();
        layout.SetProperty("barmode", "overlay");
        return Plotly.NET.Chart.withLayout(layout).Invoke(chart);
    }

    /// <summary>Titles both axes, with a logarithmic x axis when <paramref name="logX"/> (for sweeps over C or λ).</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="x">The x axis title, with its unit.</param>
    /// <param name="y">The y axis title, with its unit.</param>
    /// <param name="logX">Whether the x axis is logarithmic (otherwise linear).</param>
    /// <returns>The chart with both axes styled.</returns>
    public static GenericChart WithAxisTitles(this GenericChart chart, string x, string y, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return chart
            .WithXAxisStyle<double, double, string>(TitleText: x, AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithYAxisStyle<double, double, string>(TitleText: y);
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1 pixel; got {value}.");
        }
    }
}
