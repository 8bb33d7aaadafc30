using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;

namespace Regularization.Tests.Logistic;

public class LabelsAndL2PathTests
{
    [Fact]
    public void ArbitraryIntegerLabelsMapToSortedClasses()
    {
        var (x, y01) = LogisticTestHelpers.Synthetic(120, 4, seed: 12);
        var y = y01.Map(v => v == 1 ? 7.0 : -3.0);
        var m = new LogisticRegression(1.0, tol: 1e-10).Fit(x, y);
        var ref01 = new LogisticRegression(1.0, tol: 1e-10).Fit(x, y01);
        Assert.Equal(new[] { -3.0, 7.0 }, m.Classes);
        Assert.True((m.Coef - ref01.Coef).Enumerate().Max(Math.Abs) < 1e-12);
        var pred = m.Predict(x);
        var prob = m.PredictProbability(x);
        var score = m.DecisionFunction(x);
        for (int i = 0; i < 120; i++)
        {
            Assert.Equal(score[i, 0] > 0 ? 7.0 : -3.0, pred[i]);
            Assert.Equal(LogisticTestHelpers.Sigmoid(score[i, 0]), prob[i, 1], 1e-14);
            Assert.Equal(1.0, prob[i, 0] + prob[i, 1], 1e-15);
        }
    }

    [Fact]
    public void L2PathHasZeroGradientAtEveryPoint()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(200, 6, seed: 13);
        var path = new LogisticRegression(tol: 1e-10).Path(x, y, nLambdas: 15);
        Assert.True(path.Converged);
        // glmnet's ridge convention: lambda_max computed with alpha = 0.001.
        double ybar = y.Average();
        double lmax = Enumerable.Range(0, 6).Max(j => Math.Abs(x.Column(j).DotProduct(y - ybar))) / 200 / 1e-3;
        Assert.Equal(lmax, path.LambdaMax, 1e-9 * lmax);
        for (int l = 0; l < 15; l++)
        {
            var m = path.Models[l];
            var g = LogisticTestHelpers.MeanFormGradient(x, y, m.Coef.Row(0), m.Intercept[0], path.Lambdas[l]);
            Assert.True(g.Max(Math.Abs) <= 1.0001e-10, $"lambda[{l}]: |grad| {g.Max(Math.Abs)}");
        }
    }

    [Fact]
    public void WeightedMultinomialSatisfiesItsKkt()
    {
        var wine = Regularization.Data.Datasets.Wine();
        var (_, z) = Regularization.Data.Standardizer.FitTransform(wine.X);
        // Integer sample weights equal duplicated rows (so the unweighted KKT helper applies to the duplicated data).
        var rows = Enumerable.Range(0, 178).SelectMany(i => Enumerable.Repeat(i, 1 + i % 3)).ToArray();
        var w = Vector<double>.Build.Dense(178, i => 1 + i % 3);
        var m = LogisticRegression.FromLambda(0.02, LogisticPenalty.ElasticNet, 0.6, tol: 1e-9).Fit(z, wine.Y, w);
        Assert.True(m.Converged, m.ToString());
        var zd = Regularization.Data.MatrixOps.SelectRows(z, rows);
        var label = rows.Select(i => (int)wine.Y[i]).ToArray();
        Assert.True(Kkt.Multinomial(zd, label, m.Coef, m.Intercept, 0.02, 0.6) <= 1.0001e-9);
        Assert.Throws<ArgumentException>(() => new LogisticRegression(solver: LogisticSolver.Newton).Fit(z, wine.Y));
        var balanced = new LogisticRegression(0.5, classWeight: ClassWeight.Balanced, tol: 1e-9).Fit(z, wine.Y);
        Assert.Equal(178, balanced.WeightSum, 1e-9);
    }

    [Fact]
    public void PreconditionedLbfgsHandlesRawUnscaledFeatures()
    {
        // Raw breast-cancer columns range from 1e-3 to 4e3: without the diagonal preconditioner L-BFGS needs thousands of iterations.
        var ds = Regularization.Data.Datasets.BreastCancer();
        var lbfgs = new LogisticRegression(0.01, solver: LogisticSolver.Lbfgs, tol: 1e-6, maxIter: 1500).Fit(ds.X, ds.Y);
        var newton = new LogisticRegression(0.01, solver: LogisticSolver.Newton, tol: 1e-11).Fit(ds.X, ds.Y);
        Assert.True(lbfgs.Converged, lbfgs.ToString());
        Assert.True(newton.Converged && newton.Iterations < 20, newton.ToString());
        Assert.True((lbfgs.Coef - newton.Coef).Enumerate().Max(Math.Abs) < 1e-4);
    }
}
