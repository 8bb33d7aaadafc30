namespace Regularization.Teaching;

/// <summary>A closed or open curve in the plane, as matching coordinate arrays (ready for a line chart).</summary>
/// <param name="X">Horizontal coordinates.</param>
/// <param name="Y">Vertical coordinates (same length as <paramref name="X"/>).</param>
public sealed record Curve2D(double[] X, double[] Y)
{
    /// <summary>Number of points.</summary>
    public int Count => X.Length;
}
