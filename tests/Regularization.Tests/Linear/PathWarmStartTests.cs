using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;

namespace Regularization.Tests.Linear;

/// <summary>The extrapolated warm starts of the elastic-net path (ElasticNetCore.RunPath, CoordinateDescentSolver.TryWarmStart).</summary>
public class PathWarmStartTests
{
    /// <summary>AR(1)-correlated Gaussian design (rho 0.5), 10% true non-zeros, SNR 4, seeded: the benchmark data in miniature.</summary>
    private static (Matrix<double> X, Vector<double> Y) Ar1Data(int n, int p, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var x = Matrix<double>.Build.Dense(n, p);
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = Normal();
            for (int j = 1; j < p; j++) x[i, j] = 0.5 * x[i, j - 1] + Math.Sqrt(0.75) * Normal();
        }
        var beta = Vector<double>.Build.Dense(p);
        for (int j = 0; j < p; j += 10) beta[j] = (j % 20 == 0 ? 1 : -1) * (0.5 + 1.5 * rng.NextDouble());
        var eta = x * beta;
        double mean = eta.Average(), sd = Math.Sqrt(eta.Sum(v => (v - mean) * (v - mean)) / n);
        var y = eta + Vector<double>.Build.Dense(n, _ => sd / 2 * Normal());
        return (x, y);
    }

    private static RegularizationPath Run(CenteredDesign d, double l1Ratio, bool positive, bool extrapolate, double tol)
    {
        var pf = ElasticNetCore.PenaltyFactors(null, d.P);
        var solver = new CoordinateDescentSolver(d, CdAlgorithm.Covariance);
        var grid = ElasticNetCore.Grid(ElasticNetCore.AlphaMax(solver, l1Ratio, pf), 1e-3, 60);
        return ElasticNetCore.RunPath(d, solver, l1Ratio, grid, pf, positive, tol, 100000, extrapolate);
    }

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(0.5, false)]
    [InlineData(1.0, true)]
    public void ExtrapolatedPathEqualsPlainPathWithFewerSweeps(double l1Ratio, bool positive)
    {
        var (x, y) = Ar1Data(300, 40, 7);
        var d = CenteredDesign.Create(x, y, null, fitIntercept: true);
        var plain = Run(d, l1Ratio, positive, extrapolate: false, tol: 1e-14);
        var extra = Run(d, l1Ratio, positive, extrapolate: true, tol: 1e-14);
        Assert.True(plain.AllConverged && extra.AllConverged);
        double worst = 0;
        for (int k = 0; k < plain.Alphas.Length; k++)
        {
            Assert.Equal(plain.Alphas[k], extra.Alphas[k]);
            for (int j = 0; j < d.P; j++) worst = Math.Max(worst, Math.Abs(plain.Coefs[j, k] - extra.Coefs[j, k]));
            if (positive) for (int j = 0; j < d.P; j++) Assert.True(extra.Coefs[j, k] >= 0);
        }
        Assert.True(worst <= 1e-9, $"max coefficient difference {worst:G3}");
        if (!positive) KktAssert.ElasticNetPath(x, y, extra, fitIntercept: true, tolRel: 1e-9);
        // the same stopping rule reached with fewer sweeps (deterministic counts)
        Assert.True(extra.Iterations.Sum() < 0.85 * plain.Iterations.Sum(), $"sweeps {extra.Iterations.Sum()} vs {plain.Iterations.Sum()}");
    }

    [Fact]
    public void ExtrapolateIsLinearInAlphaAndStopsAtZero()
    {
        double[] w0 = [1.0, -2.0, 0.0, 0.5, 0.0, 0.3];
        double[] w1 = [2.0, -2.5, 0.4, 0.1, 0.0, 0.0];
        var dest = new double[6];
        // alphas 4 -> 3 -> 1.5: t = (1.5 - 3) / (3 - 4) = 1.5
        Assert.True(ElasticNetCore.Extrapolate(4, 3, 1.5, w0, w1, dest));
        Assert.Equal([3.5, -3.25, 1.0, 0.0, 0.0, 0.0], dest); // 0.1 + 1.5 (0.1 - 0.5) = -0.5 crosses zero -> 0; zero stays zero
        Assert.False(ElasticNetCore.Extrapolate(3, 4, 1.5, w0, w1, dest)); // not monotone
        Assert.False(ElasticNetCore.Extrapolate(2, 2, 1, w0, w1, dest));   // repeated alpha
        Assert.False(ElasticNetCore.Extrapolate(2, 1.9, 1, w0, w1, dest)); // t = 9 > 4
        Assert.False(ElasticNetCore.Extrapolate(4, 3, 2, w1, w1, dest));   // nothing moves
    }

    [Fact]
    public void TryWarmStartKeepsStateUnlessTheObjectiveDrops()
    {
        var (x, y) = Ar1Data(200, 30, 11);
        var d = CenteredDesign.Create(x, y, null, fitIntercept: true);
        foreach (var algo in new[] { CdAlgorithm.Covariance, CdAlgorithm.Naive })
        {
            var solver = new CoordinateDescentSolver(d, algo);
            var l1 = Enumerable.Repeat(0.05 * d.N, d.P).ToArray();
            var l2 = Enumerable.Repeat(0.01 * d.N, d.P).ToArray();
            solver.Solve(l1, l2, false, 1e-12, 10000);
            var w = solver.Coef.ToArray();
            var c = solver.Correlations.ToArray();
            // a worse start (all coefficients doubled) is refused and leaves coefficients and correlations bit-identical
            Assert.False(solver.TryWarmStart(w.Select(v => 2 * v).ToArray(), l1, l2, false));
            Assert.Equal(w, solver.Coef.ToArray());
            Assert.Equal(c, solver.Correlations.ToArray());
            // at a smaller penalty the solution there (found by a second solver) is strictly better than w: taken, with exact correlations
            var l1b = l1.Select(v => 0.8 * v).ToArray();
            var other = new CoordinateDescentSolver(d, algo);
            other.Solve(l1b, l2, false, 1e-13, 10000);
            var target = other.Coef.ToArray();
            Assert.True(solver.TryWarmStart(target, l1b, l2, false));
            var wb = Vector<double>.Build.DenseOfArray(solver.Coef.ToArray());
            Assert.Equal(target, wb.ToArray());
            var xs = Matrix<double>.Build.Dense(d.N, d.P, d.X);
            var exact = xs.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(d.Y) - xs * wb);
            for (int j = 0; j < d.P; j++)
                Assert.True(Math.Abs(exact[j] - solver.Correlations[j]) <= 1e-10 * (1 + Math.Abs(exact[j])), $"{algo}: c[{j}]");
            var res = solver.Solve(l1b, l2, false, 1e-12, 10000);
            Assert.True(res.Converged, res.StopReason);
            Assert.True(res.Iterations <= 2, $"{algo}: {res.Iterations} sweeps from the solution");
        }
    }

    [Fact]
    public void ExtrapolatedStartHasExactCorrelationsWithoutRefresh()
    {
        var (x, y) = Ar1Data(250, 30, 5);
        var d = CenteredDesign.Create(x, y, null, fitIntercept: true);
        var xs = Matrix<double>.Build.Dense(d.N, d.P, d.X);
        var yv = Vector<double>.Build.DenseOfArray(d.Y);
        var solver = new CoordinateDescentSolver(d, CdAlgorithm.Covariance);
        var pf = ElasticNetCore.PenaltyFactors(null, d.P);
        var l2 = new double[d.P];
        double amax = ElasticNetCore.AlphaMax(solver, 1.0, pf);
        // along a path: every extrapolated start (taken or not) leaves exact correlations
        int taken = 0;
        var grid = ElasticNetCore.Grid(amax, 1e-2, 12);
        var w0 = new double[d.P]; var c0 = new double[d.P]; var w1 = new double[d.P]; var c1 = new double[d.P]; var cand = new double[d.P];
        for (int a = 0; a < grid.Length; a++)
        {
            var l1 = Enumerable.Repeat(d.N * grid[a], d.P).ToArray();
            if (a >= 2 && ElasticNetCore.Extrapolate(grid[a - 2], grid[a - 1], grid[a], w0, w1, cand))
            {
                double t = (grid[a] - grid[a - 1]) / (grid[a - 1] - grid[a - 2]);
                var before = solver.Coef.ToArray();
                if (solver.TryExtrapolatedStart(cand, t, w0, c0, l1, l2, false))
                {
                    taken++;
                    Assert.Equal(cand, solver.Coef.ToArray());
                }
                else Assert.Equal(before, solver.Coef.ToArray());
                var wv = Vector<double>.Build.DenseOfArray(solver.Coef.ToArray());
                var exact = xs.TransposeThisAndMultiply(yv - xs * wv);
                for (int j = 0; j < d.P; j++)
                    Assert.True(Math.Abs(exact[j] - solver.Correlations[j]) <= 1e-9 * (1 + Math.Abs(exact[j])), $"alpha {a}: c[{j}] {solver.Correlations[j]} vs {exact[j]}");
            }
            solver.Solve(l1, l2, false, 1e-13, 100000);
            Array.Copy(w1, w0, d.P); // (w0, c0) <- (w1, c1) <- the new solution
            Array.Copy(c1, c0, d.P);
            solver.Coef.CopyTo(w1);
            solver.Correlations.CopyTo(c1);
        }
        Assert.True(taken >= 5, $"extrapolation taken {taken} times");

        // coordinates that would cross zero are set to zero and corrected through G: w0 = 3 w1 (except one at w1 / 2), t = 1,
        // so all but one flip sign; a large penalty makes the sparse candidate better, so it is taken
        var w1s = solver.Coef.ToArray();
        int nz = w1s.Count(v => v != 0), keep = Array.FindIndex(w1s, v => v != 0);
        Assert.True(nz >= 5);
        var w0s = w1s.Select((v, j) => j == keep ? 0.5 * v : 3 * v).ToArray();
        var c0s = xs.TransposeThisAndMultiply(yv - xs * Vector<double>.Build.DenseOfArray(w0s)).ToArray();
        Assert.True(ElasticNetCore.Extrapolate(2, 1, 0, w0s, w1s, cand));
        Assert.Equal(1, cand.Count(v => v != 0));
        var big = Enumerable.Repeat(d.N * amax, d.P).ToArray();
        Assert.True(solver.TryExtrapolatedStart(cand, 1.0, w0s, c0s, big, l2, false));
        Assert.Equal(cand, solver.Coef.ToArray());
        var ex = xs.TransposeThisAndMultiply(yv - xs * Vector<double>.Build.DenseOfArray(cand));
        for (int j = 0; j < d.P; j++)
            Assert.True(Math.Abs(ex[j] - solver.Correlations[j]) <= 1e-9 * (1 + Math.Abs(ex[j])), $"clipped case: c[{j}] {solver.Correlations[j]} vs {ex[j]}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void SinglePrecisionUpdatesGiveTheDoublePrecisionPath(double l1Ratio)
    {
        var (x, y) = Ar1Data(400, 80, 3);
        var d = CenteredDesign.Create(x, y, null, fitIntercept: true);
        var pf = ElasticNetCore.PenaltyFactors(null, d.P);
        RegularizationPath Fit(bool single, double tol)
        {
            var solver = new CoordinateDescentSolver(d, CdAlgorithm.Covariance);
            Assert.True(solver.SinglePrecisionUpdates); // the default for p >= 64
            solver.SinglePrecisionUpdates = single;
            Assert.Equal(single, solver.SinglePrecisionUpdates);
            var grid = ElasticNetCore.Grid(ElasticNetCore.AlphaMax(solver, l1Ratio, pf), 1e-3, 50);
            return ElasticNetCore.RunPath(d, solver, l1Ratio, grid, pf, false, tol, 100000);
        }
        double yy = d.Y.Sum(v => v * v);
        // at tol 1e-7 (where they are used): the paths agree far below the stopping rule's own error, and the certificates hold
        var dbl = Fit(false, 1e-7);
        var sgl = Fit(true, 1e-7);
        var tight = Fit(false, 1e-14);
        Assert.True(dbl.AllConverged && sgl.AllConverged && tight.AllConverged);
        double diff = 0, errDbl = 0, errSgl = 0;
        for (int k = 0; k < dbl.Alphas.Length; k++)
            for (int j = 0; j < d.P; j++)
            {
                diff = Math.Max(diff, Math.Abs(dbl.Coefs[j, k] - sgl.Coefs[j, k]));
                errDbl = Math.Max(errDbl, Math.Abs(dbl.Coefs[j, k] - tight.Coefs[j, k]));
                errSgl = Math.Max(errSgl, Math.Abs(sgl.Coefs[j, k] - tight.Coefs[j, k]));
            }
        Assert.True(diff <= 0.1 * errDbl, $"single vs double {diff:G3}, double vs exact {errDbl:G3}");
        Assert.True(errSgl <= 1.1 * errDbl, $"single vs exact {errSgl:G3}, double vs exact {errDbl:G3}");
        for (int k = 0; k < sgl.Alphas.Length; k++) Assert.True(sgl.DualGaps[k] <= 1e-7 * yy, $"gap[{k}] = {sgl.DualGaps[k]:G3}");
        // tighter solves run in double precision throughout: bit-identical paths
        var sglTight = Fit(true, 1e-14);
        for (int k = 0; k < tight.Alphas.Length; k++)
            for (int j = 0; j < d.P; j++) Assert.Equal(tight.Coefs[j, k], sglTight.Coefs[j, k]);
    }

    [Fact]
    public void SinglePrecisionUpdatesOnlyWhenTheGramFitsInFloat()
    {
        var (x, y) = Ar1Data(100, 70, 9);
        var big = CenteredDesign.Create(x * 1e16, y, null, fitIntercept: true); // Gram entries ~1e34: beyond the 1e30 guard
        Assert.False(new CoordinateDescentSolver(big, CdAlgorithm.Covariance).SinglePrecisionUpdates);
        var small = CenteredDesign.Create(x.SubMatrix(0, 100, 0, 63), y, null, fitIntercept: true); // p = 63 < 64
        Assert.False(new CoordinateDescentSolver(small, CdAlgorithm.Covariance).SinglePrecisionUpdates);
        var naive = CenteredDesign.Create(x, y, null, fitIntercept: true);
        var s = new CoordinateDescentSolver(naive, CdAlgorithm.Naive);
        s.SinglePrecisionUpdates = true; // no Gram matrix: stays off
        Assert.False(s.SinglePrecisionUpdates);
        Assert.True(new CoordinateDescentSolver(naive, CdAlgorithm.Covariance).SinglePrecisionUpdates);
        // the scaled problem still solves to its certificate in double precision
        var solver = new CoordinateDescentSolver(big, CdAlgorithm.Covariance);
        var l1 = Enumerable.Repeat(0.1 * big.N * 1e16, big.P).ToArray();
        var res = solver.Solve(l1, new double[big.P], false, 1e-10, 100000);
        Assert.True(res.Converged, res.StopReason);
    }
}
