using Regularization.Validation;

namespace Regularization.CrossValidation;

/// <summary>Penalty grids as scikit-learn and glmnet build them.</summary>
public static class Grids
{
    /// <summary>
    /// <paramref name="count"/> values from <paramref name="max"/> down to <paramref name="max"/>·<paramref name="eps"/>,
    /// evenly spaced in log10 (numpy's <c>logspace(log10(max*eps), log10(max), count)[::-1]</c>), descending.
    /// </summary>
    public static double[] Geometric(double max, double eps, int count)
    {
        Guard.Positive(max, nameof(max));
        Guard.Positive(eps, nameof(eps));
        Guard.AtLeast(count, 1, nameof(count));
        if (count == 1) return [max];
        double lo = Math.Log10(max * eps), hi = Math.Log10(max);
        var g = new double[count];
        double step = (hi - lo) / (count - 1);
        for (int i = 0; i < count; i++)
            g[count - 1 - i] = Math.Pow(10, lo + i * step);
        return g;
    }

    /// <summary>Checks a user grid: non-empty, finite, &gt;= 0, and returns it sorted descending (the path order).</summary>
    public static double[] UserGrid(IReadOnlyList<double> grid, string name = "alphas") =>
        Checked(grid, name).OrderByDescending(a => a).ToArray();

    /// <summary>Checks a user grid as <see cref="UserGrid"/> does and returns a copy in the order given.</summary>
    internal static double[] Checked(IReadOnlyList<double> grid, string name = "alphas")
    {
        Guard.NotNull(grid, name);
        if (grid.Count == 0) throw new ArgumentException($"{name} is empty: give at least one value.", name);
        var a = new double[grid.Count];
        for (int i = 0; i < a.Length; i++) a[i] = Guard.NonNegative(grid[i], $"{name}[{i}]");
        return a;
    }
}
