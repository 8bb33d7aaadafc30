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
            double m = col.Sum() / n;
            double ss = 0;
            for (int i = 0; i < n; i++) { double d = col[i] - m; ss += d * d; }
            mean[j] = m;
            sd[j] = Math.Sqrt(ss / (n - ddof));
        }
        return new Standardizer(mean, sd);
    }

    /// <summary>Returns <c>(x - Mean) / Scale</c> as a new matrix.</summary>
    public Matrix<double> Transform(Matrix<double> x)
    {
        Validation.Guard.SameLength(x.ColumnCount, Mean.Count, "x.ColumnCount", "the fitted column count");
        return Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => (x[i, j] - Mean[j]) / Scale[j]);
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
