using System.Globalization;

namespace Regularization.CrossValidation;

/// <summary>
/// Where a penalty value falls on a fitted grid, for predictions between grid points as glmnet's <c>predict(fit, s = ...)</c>
/// does (<c>exact = FALSE</c>): coefficients interpolated linearly in the penalty between the two neighbouring points, exact at a
/// grid point. Values outside the grid are rejected rather than extrapolated.
/// </summary>
internal static class GridPoint
{
    /// <summary>The two neighbouring indices and the weight of the first: <c>coef(at) = w coef[lo] + (1 - w) coef[hi]</c>.</summary>
    public static (int Lo, int Hi, double WeightLo) Locate(IReadOnlyList<double> grid, double at, string name = "at")
    {
        if (!double.IsFinite(at))
            throw new ArgumentOutOfRangeException(name, at, $"{name} = {F(at)} is not allowed: it must be a finite penalty value on the path's grid.");
        for (int k = 0; k < grid.Count; k++)
            if (grid[k] == at) return (k, k, 1.0);
        for (int k = 0; k + 1 < grid.Count; k++)
        {
            double a = grid[k], b = grid[k + 1];
            if ((a - at) * (at - b) > 0) return (k, k + 1, (at - b) / (a - b));
        }
        double lo = grid.Min(), hi = grid.Max();
        throw new ArgumentOutOfRangeException(name, at,
            $"{name} = {F(at)} is not allowed: it must lie between two fitted points of the grid [{F(lo)}, {F(hi)}] (predictions are interpolated, never extrapolated).");
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
