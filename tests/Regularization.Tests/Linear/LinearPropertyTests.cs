using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Linear;

/// <summary>Seeded random problems: KKT certificates, zeros at alpha_max, options (positive, penalty factors, weights, intercept).</summary>
public class LinearPropertyTests
{
    internal static (Matrix<double> X, Vector<double> Y) Problem(int seed, int n, int p, double rho = 0.5)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var x = Matrix<double>.Build.Dense(n, p);
        for (int i = 0; i < n; i++)
        {
            double prev = Gauss();
            for (int j = 0; j < p; j++) { x[i, j] = prev + 0.3 * j; prev = rho * prev + Math.Sqrt(1 - rho * rho) * Gauss(); }
        }
        var beta = Vector<double>.Build.Dense(p, j => j % 4 == 0 ? (j % 8 == 0 ? 1.5 : -2) : 0);
        var y = x * beta + Vector<double>.Build.Dense(n, _ => Gauss() + 3);
        return (x, y);
    }

    [Theory]
    [InlineData(1, 80, 12, 1.0, CdAlgorithm.Auto)]
    [InlineData(2, 40, 90, 1.0, CdAlgorithm.Auto)]
    [InlineData(3, 60, 25, 0.3, CdAlgorithm.Naive)]
    [InlineData(4, 60, 25, 0.7, CdAlgorithm.Covariance)]
    [InlineData(5, 30, 120, 0.5, CdAlgorithm.Naive)]
    public void PathKktAndGapHoldEverywhere(int seed, int n, int p, double l1, CdAlgorithm algo)
    {
        var (x, y) = Problem(seed, n, p);
        var path = ElasticNet.Path(x, y, l1, nAlphas: 25, eps: 1e-2, tol: 1e-10, maxIter: 100000, algorithm: algo);
        Assert.True(path.AllConverged);
        double yy = (y - y.Average()).DotProduct(y - y.Average());
        for (int k = 0; k < path.Alphas.Length; k++)
        {
            Assert.True(path.DualGaps[k] <= 1e-10 * yy, $"gap[{k}] = {path.DualGaps[k]:G3}");
            KktAssert.ElasticNet(x, y, path.Coefs.Column(k), path.Intercepts[k], path.Alphas[k], l1, 1e-5);
        }
        Assert.Equal(0, path.NonZeroCounts[0]);
        Assert.True(path.NonZeroCounts[^1] > 0);
        // above alpha_max: exact zeros, intercept = mean(y)
        var m = new ElasticNet(path.Alphas[0] * 1.5, l1).Fit(x, y);
        Assert.Equal(0, m.NonZeroCount);
        AssertClose(y.Average(), m.Intercept, 1e-12 * Math.Abs(y.Average()), "intercept at alpha_max");
        // just below alpha_max something enters
        Assert.True(new ElasticNet(path.Alphas[0] * 0.95, l1).Fit(x, y).NonZeroCount > 0);
    }

    [Fact]
    public void CovarianceAndNaiveAgreeAndWarmStartGivesTheSameSolution()
    {
        var (x, y) = Problem(7, 120, 30);
        var a = new Lasso(0.05) { Tol = 1e-12, MaxIter = 100000, Algorithm = CdAlgorithm.Covariance }.Fit(x, y);
        var b = new Lasso(0.05) { Tol = 1e-12, MaxIter = 100000, Algorithm = CdAlgorithm.Naive }.Fit(x, y);
        var c = new Lasso(0.05) { Tol = 1e-12, MaxIter = 100000 }.Fit(x, y, initialCoef: Vector<double>.Build.Dense(30, 0.3));
        for (int j = 0; j < 30; j++)
        {
            AssertClose(a.Coef[j], b.Coef[j], 1e-7, $"naive coef[{j}]");
            AssertClose(a.Coef[j], c.Coef[j], 1e-7, $"warm coef[{j}]");
        }
    }

    [Fact]
    public void PositivePenaltyFactorsAndNoIntercept()
    {
        var (x, y) = Problem(8, 100, 16);
        var pos = new Lasso(0.02) { Positive = true, Tol = 1e-12, MaxIter = 100000 }.Fit(x, y);
        Assert.All(pos.Coef, c => Assert.True(c >= 0));
        Assert.True(pos.Converged);
        KktAssert.ElasticNet(x, y, pos.Coef, pos.Intercept, 0.02, 1.0, 1e-6, positive: true);
        Assert.Contains(new Lasso(0.02) { Tol = 1e-12 }.Fit(x, y).Coef, c => c < 0);

        var pf = Enumerable.Range(0, 16).Select(j => j < 3 ? 0.0 : j % 2 == 0 ? 0.5 : 2.0).ToArray();
        double amax = ElasticNet.AlphaMax(x, y, 0.8, penaltyFactor: pf);
        var atMax = new ElasticNet(amax * 1.0001, 0.8) { PenaltyFactor = pf, Tol = 1e-12, MaxIter = 100000 }.Fit(x, y);
        Assert.All(Enumerable.Range(3, 13), j => Assert.Equal(0.0, atMax.Coef[j]));
        Assert.All(Enumerable.Range(0, 3), j => Assert.NotEqual(0.0, atMax.Coef[j]));
        var path = ElasticNet.Path(x, y, 0.8, nAlphas: 15, penaltyFactor: pf, tol: 1e-11, maxIter: 100000);
        AssertClose(amax, path.Alphas[0], 1e-12 * amax, "alpha_max with penalty factors");
        for (int k = 0; k < 15; k++)
            KktAssert.ElasticNet(x, y, path.Coefs.Column(k), path.Intercepts[k], path.Alphas[k], 0.8, 1e-5, pf);

        var noInt = new Lasso(0.1) { FitIntercept = false, Tol = 1e-12, MaxIter = 100000 }.Fit(x, y);
        Assert.Equal(0.0, noInt.Intercept);
        KktAssert.ElasticNet(x, y, noInt.Coef, 0, 0.1, 1.0, 1e-6);
    }

    [Fact]
    public void IntegerSampleWeightsEqualDuplicatedRows()
    {
        var (x, y) = Problem(9, 50, 8);
        var w = Vector<double>.Build.Dense(50, i => i % 3);
        var weighted = new ElasticNet(0.05, 0.6) { Tol = 1e-12, MaxIter = 100000 }.Fit(x, y, w);
        var rows = Enumerable.Range(0, 50).SelectMany(i => Enumerable.Repeat(i, i % 3)).ToArray();
        var dup = new ElasticNet(0.05, 0.6) { Tol = 1e-12, MaxIter = 100000 }.Fit(MatrixOps.SelectRows(x, rows), MatrixOps.SelectRows(y, rows));
        for (int j = 0; j < 8; j++) AssertClose(dup.Coef[j], weighted.Coef[j], 1e-8, $"coef[{j}]");
        AssertClose(dup.Intercept, weighted.Intercept, 1e-8, "intercept");
        KktAssert.ElasticNet(x, y, weighted.Coef, weighted.Intercept, 0.05, 0.6, 1e-6, sw: w);
    }

    [Fact]
    public void NonConvergenceIsReported()
    {
        var (x, y) = Problem(10, 60, 40, rho: 0.95);
        var m = new Lasso(1e-4) { Tol = 1e-14, MaxIter = 2 }.Fit(x, y);
        Assert.False(m.Converged);
        Assert.True(m.Iterations >= 2, $"Iterations = {m.Iterations}");
        Assert.True(m.DualGap > 0);
        Assert.Contains("maxIter = 2 full sweeps", m.StopReason);
        var path = Lasso.Path(x, y, nAlphas: 10, tol: 1e-14, maxIter: 2);
        Assert.NotEmpty(path.NotConverged);
        Assert.False(path.AllConverged);
        Assert.All(path.NotConverged, k => Assert.False(path.Converged[k]));
        var cv = new LassoCV { NAlphas = 10, Tol = 1e-14, MaxIter = 2, Cv = 3 }.Fit(x, y);
        Assert.NotEmpty(cv.NotConverged);
    }

    [Fact]
    public void RidgeCVLooEqualsBruteForceLeaveOneOut()
    {
        var (x, y) = Problem(11, 25, 6);
        double[] alphas = [0.01, 0.3, 3, 30, 300];
        var cv = new RidgeCV(alphas).Fit(x, y);
        for (int k = 0; k < alphas.Length; k++)
        {
            double sse = 0;
            for (int i = 0; i < 25; i++)
            {
                var rows = Enumerable.Range(0, 25).Where(r => r != i).ToArray();
                var m = new Ridge(alphas[k]).Fit(MatrixOps.SelectRows(x, rows), MatrixOps.SelectRows(y, rows));
                double e = y[i] - (x.Row(i).DotProduct(m.Coef) + m.Intercept);
                sse += e * e;
                AssertClose(e * e, cv.Curve.FoldScores[k, i], 1e-8 * Math.Max(1, e * e), $"loo[{k},{i}]");
            }
            AssertClose(sse / 25, cv.Curve.Mean[k], 1e-9 * sse, $"loo mean[{k}]");
        }
        var best = Enumerable.Range(0, alphas.Length).OrderBy(k => cv.Curve.Mean[k]).First();
        Assert.Equal(alphas[best], cv.Alpha);
        var direct = new Ridge(cv.Alpha).Fit(x, y);
        for (int j = 0; j < 6; j++) AssertClose(direct.Coef[j], cv.Model.Coef[j], 1e-9, $"refit coef[{j}]");
        // wide: dual route, and GCV by its formula
        var (xw, yw) = Problem(12, 20, 50);
        var cvw = new RidgeCV(alphas) { Mode = RidgeCVMode.Gcv }.Fit(xw, yw);
        for (int k = 0; k < alphas.Length; k++)
        {
            var m = new Ridge(alphas[k]).Fit(xw, yw);
            var r = yw - m.Predict(xw);
            double df = 1 + Ridge.DegreesOfFreedom(xw, alphas[k]);
            double gcv = r.DotProduct(r) / 20 / Math.Pow(1 - df / 20, 2);
            AssertClose(gcv, cvw.Curve.Mean[k], 1e-8 * gcv, $"gcv[{k}]");
        }
    }

    [Fact]
    public void IterationsCountEveryPassIncludingActiveSetSweeps()
    {
        // A tighter tolerance needs more passes over the coordinates; the count must show it
        // (active-set sweeps used to go uncounted, so both fits reported the same 3 full sweeps).
        var d = Datasets.Diabetes();
        var x = Standardizer.FitTransform(d.X).Z;
        var loose = new Lasso(1.2) { Tol = 1e-4 }.Fit(x, d.Y);
        var tight = new Lasso(1.2) { Tol = 1e-12 }.Fit(x, d.Y);
        Assert.True(loose.Converged && tight.Converged);
        Assert.True(tight.Iterations > loose.Iterations, $"tol 1e-12: {tight.Iterations} passes, tol 1e-4: {loose.Iterations}");
        Assert.Matches(@"after \d+ full and \d+ active-set sweep\(s\)", tight.StopReason);
    }
}
