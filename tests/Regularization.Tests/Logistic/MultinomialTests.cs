using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Logistic;

namespace Regularization.Tests.Logistic;

public class MultinomialTests
{
    private static readonly Lazy<(Matrix<double> X, Vector<double> Y, int[] Label)> Digits = new(() =>
    {
        var ds = Datasets.Digits();
        var (_, z) = Standardizer.FitTransform(ds.X);
        return (z, ds.Y, ds.Y.Select(v => (int)v).ToArray());
    });

    [Fact]
    public void DigitsL2MultinomialSolversAgreeProbabilitiesSumToOneAndKktHolds()
    {
        var (x, y, label) = Digits.Value;
        var lbfgs = new LogisticRegression(c: 0.1, tol: 1e-8).Fit(x, y);
        Assert.True(lbfgs.IsMultinomial);
        Assert.Equal(LogisticSolver.Lbfgs, lbfgs.Solver);
        Assert.True(lbfgs.Converged, lbfgs.ToString());
        Assert.Equal(10, lbfgs.Coef.RowCount);
        Assert.Equal(64, lbfgs.Coef.ColumnCount);
        Assert.True(Kkt.Multinomial(x, label, lbfgs.Coef, lbfgs.Intercept, lbfgs.Lambda, 0) <= 1.0001e-8);
        var prob = lbfgs.PredictProbability(x);
        for (int i = 0; i < x.RowCount; i++) Assert.Equal(1.0, prob.Row(i).Sum(), 1e-12);
        Assert.True(lbfgs.Score(x, y) > 0.97, $"training accuracy {lbfgs.Score(x, y)}");
        Assert.Equal(0, lbfgs.Intercept.Sum(), 1e-12);
        // With L2 the optimal coefficient vectors sum to zero over the classes (the loss is invariant to a common shift).
        for (int j = 0; j < 64; j++) Assert.Equal(0, lbfgs.Coef.Column(j).Sum(), 1e-6);
        var prox = new LogisticRegression(c: 0.1, tol: 1e-8, solver: LogisticSolver.ProximalNewton).Fit(x, y);
        Assert.True(prox.Converged, prox.ToString());
        Assert.True((prox.Coef - lbfgs.Coef).Enumerate().Max(Math.Abs) < 1e-5);
    }

    [Fact]
    public void DigitsL1MultinomialIsSparseAndSatisfiesKkt()
    {
        var (x, y, label) = Digits.Value;
        var m = new LogisticRegression(c: 0.05, penalty: LogisticPenalty.L1, tol: 1e-7).Fit(x, y);
        Assert.True(m.Converged, m.ToString());
        Assert.True(m.NonZeroCount < 640 / 2, m.ToString());
        Assert.True(Kkt.Multinomial(x, label, m.Coef, m.Intercept, m.Lambda, 1.0) <= 1.0001e-7);
        Assert.True(m.Score(x, y) > 0.9);
        var pred = m.Predict(x);
        var prob = m.PredictProbability(x);
        for (int i = 0; i < 50; i++) Assert.Equal(pred[i], m.Classes[prob.Row(i).MaximumIndex()]);
    }

    [Theory]
    [InlineData(LogisticPenalty.L2)]
    [InlineData(LogisticPenalty.L1)]
    [InlineData(LogisticPenalty.ElasticNet)]
    public void TwoClassMultinomialMatchesBinaryUpToTheReparameterization(LogisticPenalty penalty)
    {
        // Softmax with K = 2 depends on w1 - w0 only. With the penalty summed over both vectors, the optimum splits the difference
        // evenly for the squared term: w1 = -w0 = w/2, so lambda_m (1-a)/2 (|w0|^2 + |w1|^2) = (lambda_m / 2)(1-a)/2 |w|^2, and
        // for the L1 term |w0| + |w1| = |w|. Hence binary(lambda_b) = multinomial(lambda_m) with w = w1 - w0 when
        // L2: lambda_b = lambda_m / 2; L1: lambda_b = lambda_m; elastic net: lambda_b = lambda_m (a + (1-a)/2), a_b = a / (a + (1-a)/2).
        var (x, y, _) = BreastCancerReferenceTests.Case.Value;
        double lm = 0.01, a = penalty switch { LogisticPenalty.L1 => 1, LogisticPenalty.L2 => 0, _ => 0.5 };
        double lb = lm * (a + (1 - a) / 2), ab = a / (a + (1 - a) / 2);
        var multi = LogisticRegression.FromLambda(lm, penalty, 0.5, tol: 1e-11, multiClass: MultiClass.Multinomial,
            solver: LogisticSolver.ProximalNewton).Fit(x, y);
        var bin = LogisticRegression.FromLambda(lb, penalty == LogisticPenalty.L2 ? LogisticPenalty.L2 : LogisticPenalty.ElasticNet, ab, tol: 1e-11).Fit(x, y);
        Assert.True(multi.Converged && bin.Converged, multi + " / " + bin);
        Assert.True(multi.IsMultinomial && !bin.IsMultinomial);
        var diff = multi.Coef.Row(1) - multi.Coef.Row(0);
        for (int j = 0; j < 30; j++) Assert.Equal(bin.Coef[0, j], diff[j], 1e-7);
        Assert.Equal(bin.Intercept[0], multi.Intercept[1] - multi.Intercept[0], 1e-7);
        if (penalty != LogisticPenalty.L1)
            for (int j = 0; j < 30; j++) Assert.Equal(-multi.Coef[0, j], multi.Coef[1, j], 1e-7);
        var pm = multi.PredictProbability(x);
        var pb = bin.PredictProbability(x);
        Assert.True((pm - pb).Enumerate().Max(Math.Abs) < 1e-8);
    }
}
