using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Logistic;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

/// <summary>The computations behind notebook 04, checked against hand counts, closed forms, KKT conditions and the reference fits.</summary>
public sealed class LogisticStudyTests
{
    private static readonly double[] Labels = [1, 0, 1, 1, 0, 2, 1, 0, 1, 1];

    [Fact]
    public void SubsampleKeepsEveryOtherRowAndTheRequestedNumberOfTheLabel()
    {
        var rows = LogisticStudy.Subsample(Labels, 0, 2, seed: 3);
        Assert.Equal(rows.OrderBy(i => i), rows);
        Assert.Equal(2, rows.Count(i => Labels[i] == 0));
        Assert.Equal(Enumerable.Range(0, 10).Where(i => Labels[i] != 0), rows.Where(i => Labels[i] != 0));
        Assert.Equal(rows, LogisticStudy.Subsample(Labels, 0, 2, seed: 3));   // seeded
        Assert.DoesNotContain(LogisticStudy.Subsample(Labels, 0, 0, seed: 0), i => Labels[i] == 0);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LogisticStudy.Subsample(Labels, 0, 4, seed: 0));
        Assert.Contains("keep", e.Message);
        Assert.Throws<ArgumentException>(() => LogisticStudy.Subsample(Labels, 5, 1, seed: 0));
    }

    [Fact]
    public void ClassCountsAndBalancedWeightsFollowTheFormula()
    {
        var (classes, counts) = LogisticStudy.ClassCounts(Labels);
        Assert.Equal([0.0, 1, 2], classes);
        Assert.Equal([3, 6, 1], counts);
        var w = LogisticStudy.BalancedWeights(Labels);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(10.0 / (3 * counts[k]), w[k], 14);
            Assert.Equal(10.0 / 3, w[k] * counts[k], 12);   // every class carries n/K
        }
    }

    [Fact]
    public void RecallAndPrecisionMatchHandCounts()
    {
        double[] truth = [0, 0, 0, 1, 1, 1, 1];
        double[] pred = [0, 1, 1, 0, 1, 1, 1];
        Assert.Equal(1.0 / 3, LogisticStudy.Recall(truth, pred, 0), 15);
        Assert.Equal(1.0 / 2, LogisticStudy.Precision(truth, pred, 0), 15);
        Assert.Equal(3.0 / 4, LogisticStudy.Recall(truth, pred, 1), 15);
        Assert.True(double.IsNaN(LogisticStudy.Precision(truth, new double[7].Select(_ => 1.0), 0)));
        Assert.True(double.IsNaN(LogisticStudy.Recall(truth, pred, 7)));
        Assert.Throws<ArgumentException>(() => LogisticStudy.Recall(truth, pred.Take(3), 0));
    }

    [Fact]
    public void LogGridRepeatAndMaxAbsDifference()
    {
        var g = LogisticStudy.LogGrid(1e-3, 1e2, 6);
        Assert.Equal(6, g.Length);
        for (int i = 0; i < 6; i++) Assert.Equal(Math.Pow(10, i - 3), g[i], 1e-12 * Math.Pow(10, i - 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticStudy.LogGrid(0, 1, 3));
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var (x3, y3) = LogisticStudy.Repeat(x, Vector<double>.Build.Dense([0.0, 1]), 3);
        Assert.Equal(6, x3.RowCount);
        Assert.Equal(x.Row(1), x3.Row(5));
        Assert.Equal([0.0, 1, 0, 1, 0, 1], y3.ToArray());
        var z = x.Clone();
        z[1, 0] = 2.5;
        Assert.Equal(0.5, LogisticStudy.MaxAbsDifference(x, z), 15);
        Assert.Throws<ArgumentException>(() => LogisticStudy.MaxAbsDifference(x, x3));
    }

    [Fact]
    public void ReferenceFitsAreReproduced()
    {
        // tests/reference/05: coef_exact within 1e-6 max(1, max|coef|), zero counts exact.
        var rows = LogisticStudy.CompareWithReference();
        Assert.Equal(6, rows.Length);
        Assert.All(rows, r =>
        {
            Assert.True(r.MaxAbsDifference < 1e-6, $"{r.Penalty} C={r.C}: {r.MaxAbsDifference}");
            Assert.Equal(r.ReferenceZeros, r.Zeros);
        });
        Assert.Contains(rows, r => r.Penalty == "l1" && r.Zeros > 0);
    }

    [Fact]
    public void LossGradientSatisfiesTheKktConditionsOfTheFits()
    {
        var (x, y, _) = LogisticStudy.BreastCancerStandardized();
        var l1 = new LogisticRegression(0.5, LogisticPenalty.L1, tol: 1e-9).Fit(x, y);
        var g = LogisticStudy.LossGradient(l1, x, y);
        double lam = 1.0 / (0.5 * x.RowCount);
        for (int j = 0; j < 30; j++)
        {
            double w = l1.Coef[0, j];
            if (w == 0) Assert.True(Math.Abs(g[j]) <= lam * (1 + 1e-6), $"feature {j}: |g| = {Math.Abs(g[j])} > lambda = {lam}");
            else Assert.Equal(-lam * Math.Sign(w), g[j], 1e-8);
        }
        var l2 = new LogisticRegression(0.1, LogisticPenalty.L2, tol: 1e-10).Fit(x, y);
        var g2 = LogisticStudy.LossGradient(l2, x, y);
        double lam2 = 1.0 / (0.1 * x.RowCount);
        for (int j = 0; j < 30; j++) Assert.Equal(-lam2 * l2.Coef[0, j], g2[j], 1e-9);
        // a central finite difference of the mean log-loss in one coordinate agrees with g
        double h = 1e-6;
        double Loss(double shift)
        {
            var p = l2.PredictProbability(x);
            double s = 0;
            for (int i = 0; i < x.RowCount; i++)
            {
                double eta = Math.Log(p[i, 1] / p[i, 0]) + shift * x[i, 3];
                s += Math.Log(1 + Math.Exp(-(2 * y[i] - 1) * eta));
            }
            return s / x.RowCount;
        }
        Assert.Equal((Loss(h) - Loss(-h)) / (2 * h), g2[3], 1e-7);
    }

    [Fact]
    public void SweepCountsSparsityAndScoresEveryFit()
    {
        var (x, y, _) = LogisticStudy.BreastCancerStandardized();
        var (train, test) = Splits.TrainTest(x.RowCount, 0.3, seed: 0);
        var (xTr, yTr, xTe, yTe) = (MatrixOps.SelectRows(x, train), MatrixOps.SelectRows(y, train), MatrixOps.SelectRows(x, test), MatrixOps.SelectRows(y, test));
        double[] cs = [1e-3, 0.1, 10];
        var l1 = LogisticStudy.SweepC(xTr, yTr, xTe, yTe, cs, LogisticPenalty.L1, watchLabel: 0);
        Assert.Equal(0, l1[0].NonZero);                                  // C far below 1/(lambda_max n): the empty model
        Assert.Equal(0, l1[0].Recall);                                   // ... predicts the majority (benign) for all
        Assert.Equal(yTe.Count(v => v == 1) / (double)yTe.Count, l1[0].TestAccuracy, 12);
        Assert.True(l1[0].NonZero <= l1[1].NonZero && l1[1].NonZero <= l1[2].NonZero);
        for (int i = 0; i < cs.Length; i++)
        {
            var m = new LogisticRegression(cs[i], LogisticPenalty.L1, tol: 1e-6).Fit(xTr, yTr);
            Assert.Equal(m.NonZeroCount, l1[i].NonZero);
            Assert.Equal(m.Score(xTe, yTe), l1[i].TestAccuracy, 12);
            Assert.Equal(1.0 / (cs[i] * xTr.RowCount), l1[i].Lambda, 1e-12);
            Assert.Equal(LogisticStudy.Recall(yTe, m.Predict(xTe), 0), l1[i].Recall, 12);
        }
        var l2 = LogisticStudy.SweepC(xTr, yTr, xTe, yTe, cs, LogisticPenalty.L2, watchLabel: 0);
        Assert.All(l2, p => Assert.Equal(30, p.NonZero));
    }

    [Fact]
    public void BalancedWeightsRaiseTheRecallOfARareClass()
    {
        var (xTr, yTr, xTe, yTe) = Regularization.Exercises.AnswerKeys.Notebook04.Imbalanced();
        double[] cs = [0.01, 0.1];
        var plain = LogisticStudy.SweepC(xTr, yTr, xTe, yTe, cs, LogisticPenalty.L2, 0);
        var balanced = LogisticStudy.SweepC(xTr, yTr, xTe, yTe, cs, LogisticPenalty.L2, 0, ClassWeight.Balanced);
        for (int i = 0; i < cs.Length; i++) Assert.True(balanced[i].Recall > plain[i].Recall, $"C = {cs[i]}: {balanced[i].Recall} vs {plain[i].Recall}");
    }

    [Fact]
    public void CoefficientImageUnusedFeaturesAndEntryOrder()
    {
        var (x, y, _, _) = Regularization.Exercises.AnswerKeys.Notebook04.Digits();
        var m = new LogisticRegression(0.05, LogisticPenalty.L1).Fit(x, y);
        var img = LogisticStudy.CoefficientImage(m, 7, 8);
        Assert.Equal(8, img.Length);
        for (int r = 0; r < 8; r++) for (int c = 0; c < 8; c++) Assert.Equal(m.Coef[7, 8 * r + c], img[r][c]);
        var unused = LogisticStudy.UnusedFeatures(m);
        Assert.All(Enumerable.Range(0, 64), j => Assert.Equal(unused.Contains(j), Enumerable.Range(0, 10).All(k => m.Coef[k, j] == 0)));
        for (int j = 0; j < 64; j++)
            if (x.Column(j).AbsoluteMaximum() == 0) Assert.Contains(j, unused);   // blank pixels have zero gradient
        Assert.Throws<ArgumentException>(() => LogisticStudy.CoefficientImage(m, 0, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticStudy.CoefficientImage(m, 10, 8));

        var (bx, by, _) = LogisticStudy.BreastCancerStandardized();
        var path = new LogisticRegression(penalty: LogisticPenalty.L1).Path(bx, by, nLambdas: 20);
        var order = LogisticStudy.EntryOrder(path);
        int firstStep(int j) => Enumerable.Range(0, 20).First(l => path.Coefs[j, l] != 0);
        for (int i = 1; i < order.Length; i++) Assert.True(firstStep(order[i - 1]) <= firstStep(order[i]));
        Assert.Equal(Enumerable.Range(0, 30).Count(j => Enumerable.Range(0, 20).Any(l => path.Coefs[j, l] != 0)), order.Length);
    }
}
