using Regularization.Kernels;
using Regularization.Optim;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

public sealed class Teaching02DerivationTests
{
    [Fact]
    public void CentralDifferencesAreSecondOrderAccurate()
    {
        double d = FiniteDifference.Derivative(Math.Exp, 1.0, 1e-4);
        Assert.Equal(Math.E, d, 7);
        Assert.True(Math.Abs(d - Math.E) > 1e-12); // it is an estimate, not the exact value
        var (left, right) = FiniteDifference.OneSided(Math.Abs, 0.0);
        Assert.Equal(-1.0, left, 12);
        Assert.Equal(1.0, right, 12);
    }

    [Fact]
    public void GradientCheckCatchesAWrongFactorOfTwo()
    {
        double lam = 0.3;
        double F(double[] w) => lam * (w[0] * w[0] + w[1] * w[1]);
        var good = FiniteDifference.Check(F, w => [2 * lam * w[0], 2 * lam * w[1]], [0.5, -1.5]);
        var bad = FiniteDifference.Check(F, w => [lam * w[0], lam * w[1]], [0.5, -1.5]);
        Assert.True(good.Passed, good.ToString());
        Assert.False(bad.Passed);
        Assert.Equal(1.0 / 3, bad.RelativeError, 6);
        Assert.Throws<ArgumentException>(() => FiniteDifference.Check(F, w => [1.0], [0.0, 0.0]));
    }

    [Fact]
    public void GoldenSectionFindsTheSoftThreshold()
    {
        foreach (var v in new[] { 2.0, 0.3, -1.7 })
        {
            double x = Minimize1D.GoldenSection(u => 0.5 * (u - v) * (u - v) + 0.5 * Math.Abs(u), -5, 5);
            Assert.Equal(ProxKernels.SoftThreshold(v, 0.5), x, 7);
        }
    }

    [Fact]
    public void SgdWeightDecayIsTheGradientOfHalfLambdaSquaredNorm()
    {
        // PyTorch's weight_decay wd on lambda ||w||² needs wd = 2 lambda: w <- w (1 - 2 eta lambda) - eta grad.
        double eta = 0.1, lam = 0.25;
        Func<double[], double[]> grad = w => [w[0] - 1.0, 3 * w[1]];
        var path = OptimizerTrajectory.Run(grad, [2.0, -1.0], 5, p => Optimizers.Sgd(new[] { p }, eta, weightDecay: 2 * lam));
        double[] m = [2.0, -1.0];
        for (int k = 1; k <= 5; k++)
        {
            var g = grad(m);
            m = [m[0] * (1 - 2 * eta * lam) - eta * g[0], m[1] * (1 - 2 * eta * lam) - eta * g[1]];
            Assert.Equal(m[0], path[k][0], 14);
            Assert.Equal(m[1], path[k][1], 14);
        }
    }

    [Fact]
    public void ProximalL1LandsOnZeroAndSubgradientOscillates()
    {
        // f(w) = 1/2 (w - 0.2)², l1 = 0.5: the minimizer of f + 0.5|w| is exactly 0.
        Func<double[], double[]> grad = w => [w[0] - 0.2];
        var prox = OptimizerTrajectory.Run(grad, [1.0], 60, p => Optimizers.Sgd(new[] { p }, 0.3, l1: 0.5, l1Mode: L1Mode.Proximal));
        var sub = OptimizerTrajectory.Run(grad, [1.0], 60, p => Optimizers.Sgd(new[] { p }, 0.3, l1: 0.5, l1Mode: L1Mode.Subgradient));
        Assert.Equal(0.0, prox[^1][0]);
        Assert.All(prox.Skip(10), w => Assert.Equal(0.0, w[0]));
        var tail = OptimizerTrajectory.Coordinate(sub, 0).Skip(30).ToArray();
        Assert.DoesNotContain(0.0, tail);
        Assert.Contains(tail, v => v > 0);
        Assert.Contains(tail, v => v < 0);
        // the oscillation has the size of a step: eta * l1 around zero
        Assert.True(tail.Max(Math.Abs) <= 0.3 * (0.5 + 0.2) + 1e-12);
    }

    [Fact]
    public void ProximalTrajectoryConvergesToTheExactLasso()
    {
        var q = new Quadratic2D(1.5, 0.5, 1.0, 2.0, 0.8);
        double lam = 1.3;
        var path = OptimizerTrajectory.Run(q.Gradient, [0.0, 0.0], 400, p => Optimizers.Sgd(new[] { p }, 0.4, l1: lam));
        var exact = ConstrainedMinimizer.Lasso(q, lam);
        Assert.Equal(exact[0], path[^1][0], 10);
        Assert.Equal(exact[1], path[^1][1], 10);
        Assert.Equal(0.0, exact[1]);
        Assert.Equal(0.0, path[^1][1]);
    }

    [Fact]
    public void TrajectoryRejectsAWrongGradientLength()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerTrajectory.Run(w => [0.0, 0.0], [1.0], 2, p => Optimizers.Sgd(new[] { p }, 0.1)));
        Assert.Contains("expected 1", e.Message);
    }

    [Fact]
    public void PenalizedLeastSquaresGradientMatchesFiniteDifferences()
    {
        var rng = new Random(11);
        var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(30, 4, (i, j) => rng.NextDouble() - 0.5);
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(30, i => rng.NextDouble());
        var obj = new PenalizedLeastSquares(x, y, l2: 0.3, l1: 0.2);
        double[] w = [0.4, -0.7, 1.1, -0.05];
        var r = FiniteDifference.Check(obj.Value, obj.Gradient, w);
        Assert.True(r.Passed, r.ToString());
        var noL1 = new PenalizedLeastSquares(x, y, l2: 0.3);
        var lossOnly = new PenalizedLeastSquares(x, y);
        var g = noL1.Gradient(w);
        var gl = lossOnly.LossGradient(w);
        for (int j = 0; j < 4; j++) Assert.Equal(gl[j] + 0.6 * w[j], g[j], 14);
        Assert.Throws<ArgumentException>(() => obj.Value([1.0]));
    }
}
