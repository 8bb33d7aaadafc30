using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;

namespace Regularization.Tests.Logistic;

public class WeightsAndFactorsTests
{
    private static double MaxDiff(LogisticModel a, LogisticModel b) =>
        Math.Max((a.Coef - b.Coef).Enumerate().Max(Math.Abs), (a.Intercept - b.Intercept).Enumerate().Max(Math.Abs));

    [Fact]
    public void IntegerSampleWeightsEqualDuplicatedRowsInTheCForm()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(150, 6, seed: 11);
        var rng = new Random(5);
        var w = Enumerable.Range(0, 150).Select(_ => (double)rng.Next(0, 4)).ToArray();
        var rows = Enumerable.Range(0, 150).SelectMany(i => Enumerable.Repeat(i, (int)w[i])).ToArray();
        var xd = Regularization.Data.MatrixOps.SelectRows(x, rows);
        var yd = Regularization.Data.MatrixOps.SelectRows(y, rows);
        foreach (var pen in new[] { LogisticPenalty.L2, LogisticPenalty.L1 })
        {
            var est = new LogisticRegression(0.2, pen, tol: 1e-11);
            var weighted = est.Fit(x, y, Vector<double>.Build.DenseOfArray(w));
            var duplicated = est.Fit(xd, yd);
            Assert.Equal(rows.Length, weighted.WeightSum);
            Assert.True(MaxDiff(weighted, duplicated) < 1e-8, $"{pen}: {MaxDiff(weighted, duplicated)}");
        }
    }

    [Fact]
    public void BalancedClassWeightsEqualSampleWeightsNOverKnk()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(120, 5, seed: 3);
        int n1 = (int)y.Sum(), n0 = 120 - n1;
        Assert.NotEqual(n0, n1);
        var sw = Vector<double>.Build.Dense(120, i => y[i] == 1 ? 120.0 / (2 * n1) : 120.0 / (2 * n0));
        var balanced = new LogisticRegression(0.5, LogisticPenalty.L1, classWeight: ClassWeight.Balanced, tol: 1e-11).Fit(x, y);
        var weighted = new LogisticRegression(0.5, LogisticPenalty.L1, tol: 1e-11).Fit(x, y, sw);
        Assert.Equal(120, balanced.WeightSum, 1e-9);
        Assert.True(MaxDiff(balanced, weighted) < 1e-9);
        var plain = new LogisticRegression(0.5, LogisticPenalty.L1, tol: 1e-11).Fit(x, y);
        Assert.True(MaxDiff(balanced, plain) > 1e-3);
        // Explicit class weights equal sample weights on the rows of that class.
        var explicitCw = new LogisticRegression(0.5, classWeight: ClassWeight.Of(new Dictionary<double, double> { [0] = 2.5 }), tol: 1e-11).Fit(x, y);
        var sw2 = Vector<double>.Build.Dense(120, i => y[i] == 0 ? 2.5 : 1.0);
        Assert.True(MaxDiff(explicitCw, new LogisticRegression(0.5, tol: 1e-11).Fit(x, y, sw2)) < 1e-9);
    }

    [Fact]
    public void WeightedFitsSatisfyTheWeightedKkt()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(200, 8, seed: 21);
        var rng = new Random(2);
        var sw = Enumerable.Range(0, 200).Select(_ => rng.NextDouble() * 3).ToArray();
        var m = LogisticRegression.FromLambda(0.02, LogisticPenalty.ElasticNet, 0.7, tol: 1e-10).Fit(x, y, Vector<double>.Build.DenseOfArray(sw));
        Assert.True(m.Converged);
        Assert.True(Kkt.Binary(x, y, m.Coef.Row(0), m.Intercept[0], 0.02, 0.7, sw) <= 1.0001e-10);
        // A zero weight removes the row.
        sw[7] = 0;
        var m0 = LogisticRegression.FromLambda(0.02, LogisticPenalty.L1, tol: 1e-11).Fit(x, y, Vector<double>.Build.DenseOfArray(sw));
        var keep = Enumerable.Range(0, 200).Where(i => i != 7).ToArray();
        var mDrop = LogisticRegression.FromLambda(0.02, LogisticPenalty.L1, tol: 1e-11).Fit(
            Regularization.Data.MatrixOps.SelectRows(x, keep), Regularization.Data.MatrixOps.SelectRows(y, keep),
            Vector<double>.Build.DenseOfEnumerable(keep.Select(i => sw[i])));
        Assert.True(MaxDiff(m0, mDrop) < 1e-9);
    }

    [Fact]
    public void PenaltyFactorsScaleEachCoefficientsPenalty()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(200, 8, seed: 8);
        var pf = new double[] { 0, 1, 1, 2, 1, 1, 0.5, 1 };
        var m = LogisticRegression.FromLambda(0.05, LogisticPenalty.L1, tol: 1e-11, penaltyFactor: pf).Fit(x, y);
        Assert.True(m.Converged);
        Assert.True(Kkt.Binary(x, y, m.Coef.Row(0), m.Intercept[0], 0.05, 1.0, pf: pf) <= 1.0001e-11);
        // Factor 0: unpenalized, so its loss gradient is exactly 0 at the optimum and it is non-zero.
        Assert.NotEqual(0, m.Coef[0, 0]);
        var g = LogisticTestHelpers.LossGradient(x, y, m.Coef.Row(0), m.Intercept[0]);
        Assert.True(Math.Abs(g[0]) < 1e-11);
        // Uniform factor 2 is the same as doubling lambda.
        var twice = LogisticRegression.FromLambda(0.05, LogisticPenalty.L1, tol: 1e-11, penaltyFactor: Enumerable.Repeat(2.0, 8).ToArray()).Fit(x, y);
        var doubled = LogisticRegression.FromLambda(0.1, LogisticPenalty.L1, tol: 1e-11).Fit(x, y);
        Assert.True(MaxDiff(twice, doubled) < 1e-9);
    }

    [Fact]
    public void NoInterceptFitsThroughTheOrigin()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(150, 4, seed: 9);
        var m = LogisticRegression.FromLambda(0.01, LogisticPenalty.L2, fitIntercept: false, tol: 1e-11).Fit(x, y);
        Assert.Equal(0, m.Intercept[0]);
        Assert.True(Kkt.Binary(x, y, m.Coef.Row(0), 0, 0.01, 0, intercept: false) <= 1.0001e-11);
    }
}
