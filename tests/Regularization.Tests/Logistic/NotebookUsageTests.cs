using Regularization.Data;
using Regularization.Logistic;

namespace Regularization.Tests.Logistic;

/// <summary>The one-liners a notebook chapter would write, with the facts the chapter states about them.</summary>
public class NotebookUsageTests
{
    [Fact]
    public void L1VersusL2AndSparsityVersusCOnBreastCancer()
    {
        var ds = Datasets.BreastCancer();
        var (_, x) = Standardizer.FitTransform(ds.X);
        var l1 = new LogisticRegression(c: 0.5, penalty: LogisticPenalty.L1).Fit(x, ds.Y);
        var l2 = new LogisticRegression(c: 0.5, penalty: LogisticPenalty.L2).Fit(x, ds.Y);
        Assert.Equal(13, l1.NonZeroCount);
        Assert.Equal(30, l2.NonZeroCount);
        var nnz = new[] { 0.01, 0.1, 1.0, 10.0 }.Select(c => new LogisticRegression(c, LogisticPenalty.L1).Fit(x, ds.Y).NonZeroCount).ToArray();
        Assert.True(nnz.Zip(nnz.Skip(1)).All(t => t.First <= t.Second), string.Join(",", nnz));
        Assert.True(l1.Score(x, ds.Y) > 0.97 && l2.Score(x, ds.Y) > 0.97);
    }

    [Fact]
    public void PathCvAndMultinomial()
    {
        var ds = Datasets.BreastCancer();
        var (_, x) = Standardizer.FitTransform(ds.X);
        var path = new LogisticRegression(penalty: LogisticPenalty.L1).Path(x, ds.Y);
        Assert.Equal(100, path.Lambdas.Length);
        Assert.Equal((30, 100), (path.Coefs.RowCount, path.Coefs.ColumnCount));
        var cv = new LogisticRegressionCV(LogisticPenalty.L1, measure: LogisticCvMeasure.Auc, folds: 5, seed: 0, nLambdas: 30).Fit(x, ds.Y);
        Assert.True(cv.C1Se <= cv.CMin);
        var digits = Datasets.Digits();
        var (_, z) = Standardizer.FitTransform(digits.X);
        var (train, test) = Splits.TrainTest(z.RowCount, 0.25, seed: 0);
        var softmax = new LogisticRegression(c: 0.1).Fit(MatrixOps.SelectRows(z, train), MatrixOps.SelectRows(digits.Y, train));
        Assert.True(softmax.Score(MatrixOps.SelectRows(z, test), MatrixOps.SelectRows(digits.Y, test)) > 0.94);
        Assert.Equal(10, softmax.PredictProbability(MatrixOps.SelectRows(z, test)).ColumnCount);
    }
}
