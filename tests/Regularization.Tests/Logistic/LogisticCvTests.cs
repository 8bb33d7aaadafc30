using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Logistic;

namespace Regularization.Tests.Logistic;

public class LogisticCvTests
{
    private static double BruteAuc(double[] s, bool[] pos)
    {
        double num = 0, den = 0;
        for (int i = 0; i < s.Length; i++)
            for (int j = 0; j < s.Length; j++)
                if (pos[i] && !pos[j]) { den++; num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0; }
        return num / den;
    }

    [Fact]
    public void AucEqualsThePairwiseCountWithTies()
    {
        var rng = new Random(3);
        var s = Enumerable.Range(0, 101).Select(_ => Math.Round(rng.NextDouble() * 10)).ToArray();
        var pos = Enumerable.Range(0, 101).Select(_ => rng.NextDouble() < 0.4).ToArray();
        Assert.Equal(BruteAuc(s, pos), ClassificationMetrics.Auc(s, pos), 1e-14);
        Assert.True(double.IsNaN(ClassificationMetrics.Auc([1.0, 2.0], [true, true])));
    }

    [Fact]
    public void L1AucCurveEqualsIndependentFoldFitsAndSelectionsFollowTheRules()
    {
        var (x, y, _) = BreastCancerReferenceTests.Case.Value;
        var folds = Splits.KFold(569, 5, seed: 1);
        var cv = new LogisticRegressionCV(LogisticPenalty.L1, measure: LogisticCvMeasure.Auc, foldIds: folds, nLambdas: 25, tol: 1e-9).Fit(x, y);
        Assert.Equal(25, cv.Lambdas.Length);
        Assert.Empty(cv.NotConverged);
        Assert.Equal(folds, cv.FoldIds);
        foreach (int l in new[] { 5, 15, 24 })
        {
            for (int f = 0; f < 5; f += 2)
            {
                var (train, test) = Splits.Fold(folds, f);
                var m = LogisticRegression.FromLambda(cv.Lambdas[l], LogisticPenalty.L1, tol: 1e-11)
                    .Fit(MatrixOps.SelectRows(x, train), MatrixOps.SelectRows(y, train));
                var s = m.DecisionFunction(MatrixOps.SelectRows(x, test)).Column(0).ToArray();
                var pos = test.Select(i => y[i] == 1).ToArray();
                Assert.Equal(BruteAuc(s, pos), cv.Curve.FoldScores[l, f], 1e-9);
            }
        }
        Assert.False(cv.Curve.LowerIsBetter);
        double best = cv.Curve.Mean.Max();
        Assert.Equal(best, cv.Curve.Mean[cv.IndexMin]);
        Assert.True(cv.Lambda1Se >= cv.LambdaMin);
        Assert.True(cv.Curve.Mean[cv.Index1Se] >= best - cv.Curve.StdError[cv.IndexMin]);
        for (int l = 0; l < cv.Index1Se; l++) Assert.True(cv.Curve.Mean[l] < best - cv.Curve.StdError[cv.IndexMin]);
        Assert.Equal(1 / (cv.LambdaMin * 569), cv.CMin, 1e-9 * cv.CMin);
        Assert.Equal(1 / (cv.Lambda1Se * 569), cv.C1Se, 1e-9 * cv.C1Se);
        Assert.True(cv.Model1Se.NonZeroCount <= cv.Model.NonZeroCount);
        Assert.True(cv.Curve.Mean[cv.IndexMin] > 0.98, $"AUC {cv.Curve.Mean[cv.IndexMin]}");
    }

    [Fact]
    public void DevianceCurveOnACGridMatchesManualDeviance()
    {
        var (x, y, _) = BreastCancerReferenceTests.Case.Value;
        var cs = new[] { 0.01, 0.1, 1.0 };
        var cv = new LogisticRegressionCV(LogisticPenalty.L2, cs: cs, folds: 3, seed: 7, tol: 1e-10).Fit(x, y);
        Assert.Equal(cs.Select(c => 1 / (c * 569)).ToArray(), cv.Lambdas);
        Assert.Equal(cs, cv.Cs.Select(c => Math.Round(c, 12)).ToArray());
        var folds = Splits.KFold(569, 3, 7);
        Assert.Equal(folds, cv.FoldIds);
        var (train, test) = Splits.Fold(folds, 1);
        var m = LogisticRegression.FromLambda(cv.Lambdas[1], tol: 1e-11).Fit(MatrixOps.SelectRows(x, train), MatrixOps.SelectRows(y, train));
        var prob = m.PredictProbability(MatrixOps.SelectRows(x, test));
        double dev = 0;
        for (int i = 0; i < test.Length; i++) dev += -2 * Math.Log(prob[i, (int)y[test[i]]]);
        Assert.Equal(dev / test.Length, cv.Curve.FoldScores[1, 1], 1e-8);
        Assert.True(cv.Curve.LowerIsBetter);
    }

    [Fact]
    public void MultinomialMisclassificationOnWine()
    {
        var wine = Datasets.Wine();
        var (_, z) = Standardizer.FitTransform(wine.X);
        var cv = new LogisticRegressionCV(LogisticPenalty.ElasticNet, l1Ratio: 0.5, measure: LogisticCvMeasure.Misclassification,
            folds: 4, seed: 0, nLambdas: 15, lambdaMinRatio: 1e-3, tol: 1e-7).Fit(z, wine.Y);
        Assert.True(cv.Model.IsMultinomial);
        Assert.True(cv.Curve.Mean[cv.IndexMin] < 0.05, $"misclassification {cv.Curve.Mean[cv.IndexMin]}");
        Assert.Equal(Enumerable.Range(0, 178).Select(i => i).Count(), cv.FoldIds.Length);
        var p = cv.Model.PredictProbability(z);
        for (int i = 0; i < 178; i++) Assert.Equal(1.0, p.Row(i).Sum(), 1e-12);
    }
}
