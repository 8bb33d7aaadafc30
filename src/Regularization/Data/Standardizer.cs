using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Data;

/// <summary>
/// Column standardization <c>z = (x - mean) / sd</c>. By default sd is the population standard deviation (divide by n, ddof = 0),
/// as scikit-learn's StandardScaler and glmnet use; <c>ddof: 1</c> gives R's <c>scale()</c> (divide by n - 1), as ESL uses.
/// A constant column (sd = 0) is centered and left unscaled (its scale is taken as 1), as StandardScaler does.
/// </summary>
public sealed class Standardizer
{
    /// <summary>Column means seen by <see cref="Fit"/>.</summary>
    public Vector<double> Mean { get; }

    /// <summary>Column standard deviations seen by <see cref="Fit"/> (0 for a constant column).</summary>
    public Vector<double> StdDev { get; }

    /// <summary>The divisor applied: <see cref="StdDev"/> with zeros replaced by 1.</summary>
    public Vector<double> Scale { get; }

    private Standardizer(Vector<double> mean, Vector<double> sd)
    {
        Mean = mean;
        StdDev = sd;
        Scale = sd.Map(s => s == 0 ? 1.0 : s);
    }

    /// <summary>Computes column means and standard deviations of <paramref name="x"/>.</summary>
    /// <param name="x">Design matrix.</param>
    /// <param name="ddof">0 for the population sd (default), 1 for the sample sd.</param>
    public static Standardizer Fit(Matrix<double> x, int ddof = 0)
    {
        Validation.Guard.Design(x);
        if (ddof is not (0 or 1))
            throw new ArgumentOutOfRangeException(nameof(ddof), ddof, $"ddof = {ddof} is not allowed: it must be 0 or 1.");
        int n = x.RowCount;
        if (n - ddof <= 0)
            throw new ArgumentException($"x has {n} row(s): ddof = {ddof} needs at least {ddof + 1}.", nameof(x));
        var mean = Vector<double>.Build.Dense(x.ColumnCount);
        var sd = Vector<double>.Build.Dense(x.ColumnCount);
        for (int j = 0; j < x.ColumnCount; j++)
        {
            var col = x.Column(j);
            var (m, s) = Moments(col, n, ddof, 1.0);
            if (!double.IsFinite(m) || !double.IsFinite(s))
            {
                // the plain sums overflow (entries beyond about 1e154): the same moments on the column divided by its largest magnitude
                double big = col.AbsoluteMaximum();
                var (ms, ss) = Moments(col, n, ddof, big);
                (m, s) = (ms * big, ss * big);
            }
            mean[j] = m;
            sd[j] = s;
        }
        return new Standardizer(mean, sd);
    }

    private static (double Mean, double Sd) Moments(Vector<double> col, int n, int ddof, double unit)
    {
        double m;
        if (unit == 1) m = col.Sum() / n;
        else { m = 0; for (int i = 0; i < n; i++) m += col[i] / unit; m /= n; }
        double ss = 0;
        for (int i = 0; i < n; i++) { double d = col[i] / unit - m; ss += d * d; }
        return (m, Math.Sqrt(ss / (n - ddof)));
    }

    /// <summary>Returns <c>(x - Mean) / Scale</c> as a new matrix.</summary>
    /// <exception cref="ArgumentException">An entry of the result overflows (x holds values of opposite sign near the largest double).</exception>
    public Matrix<double> Transform(Matrix<double> x)
    {
        Validation.Guard.NotNull(x, nameof(x));
        Validation.Guard.SameLength(x.ColumnCount, Mean.Count, "x.ColumnCount", "the fitted column count");
        var z = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => (x[i, j] - Mean[j]) / Scale[j]);
        for (int j = 0; j < z.ColumnCount; j++)
            for (int i = 0; i < z.RowCount; i++)
                if (!double.IsFinite(z[i, j]))
                    throw new ArgumentException(
                        $"x[{i}, {j}] = {x[i, j]:R} standardizes to {z[i, j]:R} (mean {Mean[j]:R}, scale {Scale[j]:R}): x - mean overflows double; every entry must be finite and the result too, so rescale x first.", nameof(x));
        return z;
    }

    /// <summary>Fits on <paramref name="x"/> and transforms it.</summary>
    public static (Standardizer Scaler, Matrix<double> Z) FitTransform(Matrix<double> x, int ddof = 0)
    {
        var s = Fit(x, ddof);
        return (s, s.Transform(x));
    }

    /// <summary>
    /// Maps coefficients fitted on standardized columns back to raw units:
    /// <c>w_raw = w / Scale</c>, <c>b_raw = b - sum(w_raw * Mean)</c>.
    /// </summary>
    public (Vector<double> Coef, double Intercept) ToOriginalUnits(Vector<double> coef, double intercept)
    {
        var w = coef.PointwiseDivide(Scale);
        return (w, intercept - w.DotProduct(Mean));
    }
}
