using Plotly.NET;

namespace Workbook.Charts;

/// <summary>
/// Helpers that set a property on every trace of a <see cref="GenericChart"/> (error bars, the axis a trace is drawn
/// against, contour line widths). Plotly.NET traces are <c>DynamicObj</c>s: the properties are set in place and the same
/// chart is returned, so the helpers chain.
/// </summary>
public static class TraceExtensions
{
    /// <summary>
    /// Adds vertical error bars of half-length <paramref name="errors"/>[i] at point i (a standard error or a standard
    /// deviation: say which in the trace name, e.g. "mean ± 1 SE") to every trace of the chart.
    /// </summary>
    /// <param name="chart">The chart; usually one trace of means.</param>
    /// <param name="errors">One non-negative half-length per point (NaN draws no bar).</param>
    /// <returns>The same chart.</returns>
    /// <exception cref="ArgumentException">An entry of <paramref name="errors"/> is negative.</exception>
    public static GenericChart WithErrorBars(this GenericChart chart, IEnumerable<double> errors)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(errors);
        var array = errors as double[] ?? errors.ToArray();
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i] < 0)
            {
                throw new ArgumentException($"errors[{i}] is {array[i]}; error bar half-lengths must be non-negative (or NaN for no bar).", nameof(errors));
            }
        }

        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("error_y", new Dictionary<string, object> { ["type"] = "data", ["array"] = array, ["visible"] = true, ["thickness"] = 1 });
        }

        return chart;
    }

    /// <summary>Draws the chart's traces against the right-hand axis (<c>yaxis = "y2"</c>); add that axis to the combined chart with <see cref="LayoutExtensions.WithSecondAxis"/>.</summary>
    /// <param name="chart">The traces for the second axis.</param>
    /// <returns>The same chart.</returns>
    public static GenericChart OnSecondAxis(this GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("yaxis", "y2");
        }

        return chart;
    }

    /// <summary>
    /// Draws the contour lines of a contour chart. Plotly.NET writes a line width of 0 for contour traces, so a contour
    /// chart colored by lines shows nothing until the width is set.
    /// </summary>
    /// <param name="chart">A contour chart.</param>
    /// <param name="width">The line width in pixels, positive.</param>
    /// <returns>The same chart.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not a positive finite number.</exception>
    public static GenericChart WithContourLines(this GenericChart chart, double width = 1.2)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (!(width > 0) || double.IsInfinity(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be a positive finite number of pixels; got {width}.");
        }

        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("line", new Dictionary<string, object> { ["width"] = width });
        }

        return chart;
    }
}
