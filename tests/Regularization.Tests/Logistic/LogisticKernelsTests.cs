using Regularization.Kernels;

namespace Regularization.Tests.Logistic;

public class LogisticKernelsTests
{
    private static double[] Rand(int n, int seed, double scale = 1)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => scale * (2 * r.NextDouble() - 1)).ToArray();
    }

    private static void Close(double expected, double actual, double rel = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= rel * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(-800.0)]
    [InlineData(-40.0)]
    [InlineData(-1e-3)]
    [InlineData(0.0)]
    [InlineData(2.5)]
    [InlineData(40.0)]
    [InlineData(800.0)]
    public void SoftplusAndSigmoidMatchTheirDefinitionsWithoutOverflow(double z)
    {
        double naive = z < 30 ? Math.Log(1 + Math.Exp(z)) : z + Math.Exp(-z);
        Close(naive, LogisticKernels.Softplus(z), 1e-14);
        double sig = 1 / (1 + Math.Exp(-z));
        Close(sig, LogisticKernels.Sigmoid(z), 1e-14);
        Assert.True(double.IsFinite(LogisticKernels.Softplus(z)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1001)]
    public void FusedCoordinateKernelsMatchScalarLoops(int n)
    {
        var x = Rand(n, 1);
        var r = Rand(n, 2);
        var h = Rand(n, 3).Select(Math.Abs).ToArray();
        LogisticKernels.DotAndWeightedSquares(x, r, h, out double dot, out double hss);
        double d0 = 0, q0 = 0;
        for (int i = 0; i < n; i++) { d0 += x[i] * r[i]; q0 += h[i] * x[i] * x[i]; }
        Close(d0, dot);
        Close(q0, hss);
        var r2 = (double[])r.Clone();
        LogisticKernels.SubtractScaledProduct(r2, 0.37, h, x);
        for (int i = 0; i < n; i++) Close(r[i] - 0.37 * h[i] * x[i], r2[i], 1e-15);
        LogisticKernels.Dot4(x, r, h, x, r, out double a, out double b, out double c, out double e);
        Close(d0, a); Close(x.Zip(h).Sum(t => t.First * t.Second), b); Close(x.Sum(v => v * v), c); Close(d0, e);
    }

    [Theory]
    [InlineData(13, 5)]
    [InlineData(40, 9)]
    public void MatrixKernelsMatchScalarLoops(int n, int p)
    {
        var x = Rand(n * p, 4);
        var w = Rand(p, 5);
        w[2] = 0;
        var r = Rand(n, 6);
        var h = Rand(n, 7).Select(Math.Abs).ToArray();
        var xw = new double[n];
        LogisticKernels.MultiplyColumns(x, n, w, 0.25, xw);
        var xtr = new double[p];
        LogisticKernels.TransposeMultiply(x, n, r, xtr);
        var gram = new double[p * p];
        LogisticKernels.WeightedGram(x, n, p, h, new double[n], gram);
        for (int i = 0; i < n; i++)
        {
            double s = 0.25;
            for (int j = 0; j < p; j++) s += x[j * n + i] * w[j];
            Close(s, xw[i]);
        }
        for (int j = 0; j < p; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += x[j * n + i] * r[i];
            Close(s, xtr[j]);
            for (int k = 0; k < p; k++)
            {
                double g = 0;
                for (int i = 0; i < n; i++) g += x[j * n + i] * h[i] * x[k * n + i];
                Close(g, gram[k * p + j]);
            }
        }
    }

    [Fact]
    public void IrlsWeightsAndLogLossMatchTheDefinitions()
    {
        int n = 50;
        var eta = Rand(n, 8, 20);
        var y = Rand(n, 9).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        var u = Rand(n, 10).Select(Math.Abs).ToArray();
        var h = new double[n];
        var r = new double[n];
        LogisticKernels.IrlsWeights(eta, y, u, h, r);
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double p = 1 / (1 + Math.Exp(-eta[i]));
            Close(u[i] * p * (1 - p), h[i], 1e-13);
            Close(u[i] * (y[i] - p), r[i], 1e-13);
            loss += u[i] * (-(y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p)));
        }
        Close(loss, LogisticKernels.LogLoss(eta, y, u), 1e-10);
        Close(loss, LogisticKernels.LogLoss(eta, y, u, new double[n]), 1e-10);
    }
}

public class LogisticBlockKernelsTests
{
    [Theory]
    [InlineData(37, 9, 5, 20)]
    [InlineData(64, 8, 0, 64)]
    [InlineData(100, 3, 96, 4)]
    public void RowBlockProductsMatchScalarLoops(int n, int p, int r0, int m)
    {
        var rng = new Random(n + p);
        var x = Enumerable.Range(0, n * p).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var w = Enumerable.Range(0, p).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var r = Enumerable.Range(0, m).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var eta = new double[m];
        Regularization.Kernels.LogisticKernels.MultiplyColumnsBlock(x, n, r0, w, 0.7, eta);
        var g = Enumerable.Range(0, p).Select(j => (double)j).ToArray();
        Regularization.Kernels.LogisticKernels.TransposeMultiplyBlockAdd(x, n, r0, r, g);
        for (int i = 0; i < m; i++)
        {
            double s = 0.7;
            for (int j = 0; j < p; j++) s += x[j * n + r0 + i] * w[j];
            Assert.Equal(s, eta[i], 1e-13);
        }
        for (int j = 0; j < p; j++)
        {
            double s = j;
            for (int i = 0; i < m; i++) s += x[j * n + r0 + i] * r[i];
            Assert.Equal(s, g[j], 1e-13);
        }
        Assert.Throws<ArgumentException>(() => Regularization.Kernels.LogisticKernels.MultiplyColumnsBlock(x, n, n - 1, w, 0, new double[2]));
    }
}

public class ImplicitResidualKernelTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(256)]
    public void ImplicitResidualDotMatchesTheScalarFormula(int n)
    {
        var rng = new Random(n);
        double[] V() => Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var (x, r, w, e, s) = (V(), V(), V(), V(), V());
        double expect = 0;
        for (int i = 0; i < n; i++) expect += x[i] * (r[i] - w[i] * (e[i] - s[i]));
        Assert.Equal(expect, Regularization.Kernels.LogisticKernels.ImplicitResidualDot(x, r, w, e, s), 1e-13);
    }
}

public class FusedUpdateKernelTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(33)]
    [InlineData(1000)]
    public void SubtractScaledProductThenDotMatchesTwoScalarLoops(int n)
    {
        var rng = new Random(n * 7);
        double[] V() => Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var (r, h, x, next) = (V(), V(), V(), V());
        var expected = (double[])r.Clone();
        double dot = 0;
        for (int i = 0; i < n; i++) { expected[i] -= 0.3 * h[i] * x[i]; dot += next[i] * expected[i]; }
        double got = Regularization.Kernels.LogisticKernels.SubtractScaledProductThenDot(r, 0.3, h, x, next);
        Assert.Equal(dot, got, 1e-13);
        for (int i = 0; i < n; i++) Assert.Equal(expected[i], r[i], 1e-15);
    }
}
