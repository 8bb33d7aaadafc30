using Regularization.Kernels;

namespace Regularization.Tests.Logistic;

/// <summary>The one-pass loss/gradient kernel of L-BFGS against a scalar reference (eta, loss, residual, X^T r, Hessian diagonal).</summary>
public class LogisticFusedKernelTests
{
    [Theory]
    [InlineData(37, 9, 8)]      // several row blocks, a partial last block, p not a multiple of 4
    [InlineData(64, 8, 0)]      // one automatic block
    [InlineData(203, 13, 16)]   // 13 blocks (prefetch of a short last block)
    [InlineData(5, 3, 0)]       // fewer rows than a vector
    public void LossGradientMatchesTheScalarDefinition(int n, int p, int blockRows)
    {
        var rng = new Random(1000 * n + p);
        var x = Enumerable.Range(0, n * p).Select(_ => 4 * (rng.NextDouble() - 0.5)).ToArray();
        var w = Enumerable.Range(0, p).Select(_ => 3 * (rng.NextDouble() - 0.5)).ToArray();
        w[p / 2] = 0;
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.4 ? 1.0 : 0.0).ToArray();
        var u = Enumerable.Range(0, n).Select(i => i % 7 == 3 ? 0.0 : rng.NextDouble() / n).ToArray();
        x[0] = 60; // a saturated row: eta far in the tail
        const double b = -0.3;

        var eta = new double[n];
        var r = new double[n];
        var g = Enumerable.Repeat(double.NaN, p).ToArray(); // the kernel overwrites, never accumulates into, its outputs
        var hxx = Enumerable.Repeat(double.NaN, p).ToArray();
        double loss = LogisticKernels.LossGradient(x, n, w, b, y, u, eta, r, g, hxx, out double rsum, blockRows);

        double loss0 = 0, rsum0 = 0;
        var r0 = new double[n];
        var h0 = new double[n];
        for (int i = 0; i < n; i++)
        {
            double e = b;
            for (int j = 0; j < p; j++) e += x[j * n + i] * w[j];
            Assert.Equal(e, eta[i], 1e-12);
            double pr = 1 / (1 + Math.Exp(-e));
            double softplus = e > 30 ? e + Math.Exp(-e) : Math.Log(1 + Math.Exp(e));
            loss0 += u[i] * (softplus - y[i] * e);
            r0[i] = u[i] * (y[i] - pr);
            h0[i] = u[i] * pr * (1 - pr);
            rsum0 += r0[i];
            Assert.Equal(r0[i], r[i], 1e-15);
        }
        Assert.Equal(loss0, loss, 1e-13);
        Assert.Equal(rsum0, rsum, 1e-14);
        for (int j = 0; j < p; j++)
        {
            double s = 0, q = 0;
            for (int i = 0; i < n; i++) { s += x[j * n + i] * r0[i]; q += h0[i] * x[j * n + i] * x[j * n + i]; }
            Assert.Equal(s, g[j], 1e-13);
            Assert.Equal(q, hxx[j], 1e-13);
        }

        // Without the Hessian diagonal: the same loss and gradient.
        var g2 = new double[p];
        double loss2 = LogisticKernels.LossGradient(x, n, w, b, y, u, eta, r, g2, default, out double rsum2, blockRows);
        Assert.Equal(loss, loss2);
        Assert.Equal(rsum, rsum2);
        Assert.Equal(g, g2);
    }

    [Fact]
    public void LossGradientRejectsShortBuffersAndBadBlockSizes()
    {
        var x = new double[12];
        var v3 = new double[3];
        var v4 = new double[4];
        var ex = Assert.Throws<ArgumentException>(() => LogisticKernels.LossGradient(x, 4, v3, 0, v4, v4, v4, v4, new double[2], default, out _));
        Assert.Contains("xtr", ex.Message);
        Assert.Throws<ArgumentException>(() => LogisticKernels.LossGradient(x, 5, v3, 0, v4, v4, v4, v4, v3, default, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticKernels.LossGradient(x, 4, v3, 0, v4, v4, v4, v4, v3, default, out _, -1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(100000)]
    public void DefaultBlockIsAMultipleOfEightWithinBounds(int cols)
    {
        int m = LogisticKernels.DefaultBlockRows(cols);
        Assert.True(m % 8 == 0 && m >= 32 && m <= 1024, $"block {m} for {cols} columns");
    }
}
