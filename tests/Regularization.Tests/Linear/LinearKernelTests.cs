using Regularization.Kernels;

namespace Regularization.Tests.Linear;

/// <summary>The vectorized Gram/GEMM kernels against scalar reference implementations kept here.</summary>
public class LinearKernelTests
{
    private static double[] Random(int len, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, len).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    }

    private static double[] GramReference(double[] x, int n, int p)
    {
        var g = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k];
                g[j * p + i] = s;
            }
        return g;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(130, 9)]
    [InlineData(257, 203)]
    [InlineData(33, 390)]
    public void GramMatchesScalarReference(int n, int p)
    {
        var x = Random(n * p, n + p);
        var g = new double[p * p];
        GramKernels.Gram(x, n, p, g);
        var r = GramReference(x, n, p);
        for (int i = 0; i < p * p; i++) Assert.True(Math.Abs(g[i] - r[i]) <= 1e-12 * (1 + Math.Abs(r[i])), $"g[{i}] = {g[i]} vs {r[i]}");
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) Assert.Equal(g[j * p + i], g[i * p + j]);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9, 5, 7)]
    [InlineData(131, 70, 67)]
    [InlineData(16, 3, 130)]
    public void GemmMatchesScalarReference(int n, int p, int q)
    {
        var a = Random(n * p, 1);
        var b = Random(p * q, 2);
        var c = new double[n * q];
        var r = new double[n * q];
        GemmKernels.Multiply(a, n, p, b, q, c);
        for (int k = 0; k < q; k++)
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < p; j++) s += a[j * n + i] * b[k * p + j];
                r[k * n + i] = s;
            }
        for (int i = 0; i < n * q; i++) Assert.True(Math.Abs(c[i] - r[i]) <= 1e-12 * (1 + Math.Abs(r[i])), $"c[{i}]");
        var t = new double[n * q];
        GemmKernels.MultiplyScalar(a, n, p, b, q, t);
        for (int i = 0; i < n * q; i++) Assert.True(Math.Abs(t[i] - r[i]) <= 1e-12 * (1 + Math.Abs(r[i])), $"scalar c[{i}]");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(501)]
    public void AxpyWidenMatchesScalarReference(int n)
    {
        var x = Random(n, 40 + n).Select(v => (float)(v * 1e3)).ToArray();
        var y = Random(n, 50 + n);
        var r = (double[])y.Clone();
        const double a = -0.3713;
        for (int i = 0; i < n; i++) r[i] += a * (double)x[i]; // scalar reference: widen, multiply, add in double
        Regularization.Kernels.VectorKernels.AxpyWiden(a, x, y);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(y[i] - r[i]) <= 1e-13 * (1 + Math.Abs(r[i])), $"y[{i}] = {y[i]:R} vs {r[i]:R}");
        Assert.Throws<ArgumentException>(() => Regularization.Kernels.VectorKernels.AxpyWiden(1, x, new double[n - 1]));
    }

    [Fact]
    public void TransposeAndMatVec()
    {
        int n = 37, p = 45;
        var x = Random(n * p, 5);
        var xt = new double[n * p];
        GramKernels.Transpose(x, n, p, xt);
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) Assert.Equal(x[j * n + i], xt[i * p + j]);
        var v = Random(p, 6);
        var d = new double[n];
        GramKernels.Multiply(x, n, p, v, d);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(d[i] - Enumerable.Range(0, p).Sum(j => x[j * n + i] * v[j])) < 1e-12);
        var u = Random(n, 7);
        var e = new double[p];
        GramKernels.TransposeMultiply(x, n, p, u, e);
        for (int j = 0; j < p; j++) Assert.True(Math.Abs(e[j] - Enumerable.Range(0, n).Sum(i => x[j * n + i] * u[i])) < 1e-12);
    }
}
