using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>Builds designs with strongly correlated columns, to show that ridge shares a coefficient between them and the lasso picks one.</summary>
/// <example><code>var x2 = CorrelatedFeatures.WithNoisyCopy(z, column: 2, noise: 0.1, seed: 0); CorrelatedFeatures.Correlation(x2, 2, 10);</code></example>
public static class CorrelatedFeatures
{
    /// <summary>
    /// Appends a column <c>x_c + noise sd(x_c) e</c>, <c>e</c> standard normal from a seeded generator, to a copy of <paramref name="x"/>.
    /// The correlation of the copy with the original is about <c>1/sqrt(1 + noise^2)</c>.
    /// </summary>
    public static Matrix<double> WithNoisyCopy(Matrix<double> x, int column, double noise, int seed)
    {
        Guard.Design(x);
        if (column < 0 || column >= x.ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"column = {column} is not allowed: it must lie in [0, {x.ColumnCount - 1}].");
        Guard.NonNegative(noise, nameof(noise));
        var col = x.Column(column);
        double m = col.Average();
        double sd = Math.Sqrt(col.Sum(v => (v - m) * (v - m)) / col.Count);
        var rng = new Normal(0, 1, new Random(seed));
        var copy = col.Map(v => v + noise * sd * rng.Sample());
        var r = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount + 1);
        r.SetSubMatrix(0, 0, x);
        r.SetColumn(x.ColumnCount, copy);
        return r;
    }

    /// <summary>Pearson correlation of columns <paramref name="i"/> and <paramref name="j"/>.</summary>
    public static double Correlation(Matrix<double> x, int i, int j)
    {
        Guard.NotNull(x, nameof(x));
        if (i < 0 || i >= x.ColumnCount) throw new ArgumentOutOfRangeException(nameof(i), i, $"i = {i} must lie in [0, {x.ColumnCount - 1}].");
        if (j < 0 || j >= x.ColumnCount) throw new ArgumentOutOfRangeException(nameof(j), j, $"j = {j} must lie in [0, {x.ColumnCount - 1}].");
        var a = x.Column(i); var b = x.Column(j);
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int k = 0; k < a.Count; k++) { double da = a[k] - ma, db = b[k] - mb; sab += da * db; saa += da * da; sbb += db * db; }
        return sab / Math.Sqrt(saa * sbb);
    }
}
