using MathNet.Numerics.LinearAlgebra;
using Regularization.Kernels;
using Regularization.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Linear;

/// <summary>
/// The copy-free primal ridge solve (centered packed Gram, blocked Cholesky) against the closed form on an explicitly centered
/// copy, at shapes that hit every edge of the packed kernel (rows not a multiple of 4 or of the row block, columns not a
/// multiple of 4 or 12) and with column means far from zero, plus its optimality condition.
/// </summary>
public class RidgeFastPathTests
{
    private static (Matrix<double> X, Vector<double> Y) Data(int n, int p, int seed)
    {
        var rng = new Random(seed);
        var offsets = Enumerable.Range(0, p).Select(j => 50.0 * (j % 7) - 100).ToArray();
        var x = Matrix<double>.Build.Dense(n, p, (_, j) => offsets[j] + (rng.NextDouble() * 2 - 1) * (1 + j % 3));
        var y = Vector<double>.Build.Dense(n, i => 3 + 0.1 * x[i, 0] - 0.2 * x[i, p - 1] + rng.NextDouble());
        return (x, y);
    }

    [Theory]
    [InlineData(1037, 203, 1.0)]
    [InlineData(600, 12, 0.3)]
    [InlineData(9, 5, 2.0)]
    [InlineData(300, 300, 10.0)]
    public void EqualsClosedFormOnCenteredCopy(int n, int p, double alpha)
    {
        var (x, y) = Data(n, p, n + p);
        var m = new Ridge(alpha).Fit(x, y);
        Assert.Equal(RidgeSolver.Cholesky, m.Solver);
        var mean = x.ColumnSums() / n;
        double yMean = y.Average();
        var xc = x - Matrix<double>.Build.Dense(n, p, (_, j) => mean[j]);
        var yc = y - yMean;
        var closed = (xc.TransposeThisAndMultiply(xc) + Matrix<double>.Build.DenseIdentity(p) * alpha).Solve(xc.TransposeThisAndMultiply(yc));
        double scale = 1 + MaxAbs(closed);
        for (int j = 0; j < p; j++) AssertClose(closed[j], m.Coef[j], 1e-9 * scale, $"coef[{j}]");
        AssertClose(yMean - mean * closed, m.Intercept, 1e-8 * (1 + Math.Abs(yMean)), "intercept");
        // stationarity of sum (y - Xw - b)^2 + alpha |w|^2: X_c^T (y_c - X_c w) = alpha w
        var grad = xc.TransposeThisAndMultiply(yc - xc * m.Coef) - alpha * m.Coef;
        double gscale = xc.TransposeThisAndMultiply(yc).AbsoluteMaximum();
        Assert.True(grad.AbsoluteMaximum() <= 1e-10 * gscale, $"stationarity residual {grad.AbsoluteMaximum():G3} vs scale {gscale:G3}");
        // the general route (explicitly centered design, SVD) agrees
        var svd = new Ridge(alpha) { Solver = RidgeSolver.Svd }.Fit(x, y);
        for (int j = 0; j < p; j++) AssertClose(svd.Coef[j], m.Coef[j], 1e-8 * scale, $"svd coef[{j}]");
    }

    [Fact]
    public void NonFiniteEntryIsNamed()
    {
        var (x, y) = Data(40, 6, 3);
        x[17, 4] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => new Ridge(1.0).Fit(x, y));
        Assert.Contains("x[17, 4]", e.Message);
    }

    [Theory]
    [InlineData(1037, 203)]
    [InlineData(257, 13)]
    [InlineData(3, 8)]
    public void CenteredGramMatchesScalarReference(int n, int p)
    {
        var (xm, ym) = Data(n, p, 7);
        var x = xm.ToColumnMajorArray();
        var mean = new double[p];
        for (int j = 0; j < p; j++) mean[j] = Enumerable.Range(0, n).Average(i => x[j * n + i]);
        var v = ym.ToArray();
        var g = new double[p * p];
        var q = new double[p];
        GramKernels.CenteredGramLower(x, n, p, mean, v, g, q);
        for (int j = 0; j < p; j++)
        {
            double qs = 0;
            for (int k = 0; k < n; k++) qs += (x[j * n + k] - mean[j]) * v[k];
            AssertClose(qs, q[j], 1e-11 * (1 + Math.Abs(qs)) * n, $"q[{j}]");
            for (int i = j; i < p; i++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += (x[i * n + k] - mean[i]) * (x[j * n + k] - mean[j]);
                AssertClose(s, g[j * p + i], 1e-12 * n * (1 + Math.Abs(s)), $"g[{i}, {j}]");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(37)]
    [InlineData(130)]
    public void BlockedCholeskyReproducesTheMatrix(int m)
    {
        var rng = new Random(m);
        var b = Matrix<double>.Build.Dense(m + 3, m, (_, _) => rng.NextDouble() - 0.5);
        var a = (b.TransposeThisAndMultiply(b) + Matrix<double>.Build.DenseIdentity(m)).ToColumnMajorArray();
        var l = (double[])a.Clone();
        DenseLinearAlgebra.CholeskyInPlace(l, m);
        for (int i = 0; i < m; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = 0; k <= j; k++) s += l[k * m + i] * l[k * m + j];
                AssertClose(a[j * m + i], s, 1e-12 * m, $"(L L^T)[{i}, {j}]");
            }
    }
}
