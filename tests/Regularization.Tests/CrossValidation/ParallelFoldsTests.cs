using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using Regularization.Logistic;
using Regularization.Tests.Linear;
using Regularization.Tests.Logistic;

namespace Regularization.Tests.CrossValidation;

/// <summary>Folds fitted in parallel give bit-for-bit the results of the sequential loop (MaxDegreeOfParallelism = 1).</summary>
public class ParallelFoldsTests
{
    private static void Same(Matrix<double> a, Matrix<double> b)
    {
        Assert.Equal(a.RowCount, b.RowCount);
        Assert.Equal(a.ColumnCount, b.ColumnCount);
        for (int j = 0; j < a.ColumnCount; j++)
            for (int i = 0; i < a.RowCount; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(a[i, j]), BitConverter.DoubleToInt64Bits(b[i, j]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(5)]
    public void ElasticNetCVOverSeveralL1RatiosIsIdentical(int workers)
    {
        var (x, y) = LinearTestData.DiabetesStandardized();
        ElasticNetCVResult Run(int w) => new ElasticNetCV([0.2, 0.7, 1.0]) { Seed = 3, NAlphas = 30, Tol = 1e-8, MaxDegreeOfParallelism = w }.Fit(x, y);
        var seq = Run(1);
        var par = Run(workers);
        for (int r = 0; r < 3; r++) Same(seq.Curves[r].FoldScores, par.Curves[r].FoldScores);
        Assert.Equal(seq.AlphaMin, par.AlphaMin);
        Assert.Equal(seq.L1Ratio, par.L1Ratio);
        Assert.Equal(seq.Model.Coef.ToArray(), par.Model.Coef.ToArray());
        Assert.Equal(seq.NotConverged, par.NotConverged);
    }

    [Fact]
    public void LassoCVWithTheGramDowndateAndWeightsIsIdentical()
    {
        var (x, y) = LinearTestData.DiabetesStandardized();
        var seq = new LassoCV { Cv = 4, MaxDegreeOfParallelism = 1 }.Fit(x, y);     // contiguous folds, downdated fold Gram matrices
        var par = new LassoCV { Cv = 4 }.Fit(x, y);
        Same(seq.Curve.FoldScores, par.Curve.FoldScores);
        var w = Vector<double>.Build.Dense(x.RowCount, i => 1 + i % 3);
        var seqW = new LassoCV { Seed = 1, MaxDegreeOfParallelism = 1 }.Fit(x, y, w);
        var parW = new LassoCV { Seed = 1, MaxDegreeOfParallelism = 2 }.Fit(x, y, w);
        Same(seqW.Curve.FoldScores, parW.Curve.FoldScores);
    }

    [Fact]
    public void GroupLassoCVIsIdentical()
    {
        var (x, y) = LinearTestData.DiabetesStandardized();
        IReadOnlyList<IReadOnlyList<int>> g = [[0, 1, 2], [3, 4], [5, 6, 7], [8, 9]];
        var seq = new GroupLassoCV(g) { Seed = 0, NAlphas = 20, MaxDegreeOfParallelism = 1 }.Fit(x, y);
        var par = new GroupLassoCV(g) { Seed = 0, NAlphas = 20 }.Fit(x, y);
        Same(seq.Curve.FoldScores, par.Curve.FoldScores);
        Assert.Equal(seq.Model.Coef.ToArray(), par.Model.Coef.ToArray());
    }

    [Theory]
    [InlineData(LogisticCvMeasure.Deviance)]
    [InlineData(LogisticCvMeasure.Auc)]
    public void LogisticRegressionCVIsIdentical(LogisticCvMeasure measure)
    {
        var (x, y) = LogisticTestHelpers.Synthetic(200, 8, seed: 2);
        var seq = new LogisticRegressionCV(LogisticPenalty.L1, measure: measure, nLambdas: 20) { MaxDegreeOfParallelism = 1 }.Fit(x, y);
        var par = new LogisticRegressionCV(LogisticPenalty.L1, measure: measure, nLambdas: 20).Fit(x, y);
        Same(seq.Curve.FoldScores, par.Curve.FoldScores);
        Assert.Equal(seq.LambdaMin, par.LambdaMin);
        Assert.Equal(seq.NotConverged, par.NotConverged);
    }

    [Fact]
    public void TheLowestFailingFoldsErrorIsRethrownAsTheSequentialLoopWouldMeetIt()
    {
        var ran = new bool[6];
        var ex = Assert.Throws<InvalidOperationException>(() => Regularization.CrossValidation.FoldRunner.For(6, 2, f =>
        {
            ran[f] = true;
            if (f == 1 || f == 4) throw new InvalidOperationException($"fold {f}");
        }));
        Assert.Equal("fold 1", ex.Message);
        Assert.Contains(nameof(TheLowestFailingFoldsErrorIsRethrownAsTheSequentialLoopWouldMeetIt), ex.StackTrace);   // the original trace is kept
        Assert.Equal(2, Regularization.CrossValidation.FoldRunner.Workers(2));
        Assert.Equal(Environment.ProcessorCount, Regularization.CrossValidation.FoldRunner.Workers(-1));
    }
}

/// <summary>One fold policy: the same seed (or none) gives the same fold assignment in the linear and the logistic cross-validators.</summary>
public class FoldPolicyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(17)]
    public void LassoCVAndLogisticRegressionCVAgreeOnWhatASeedMeans(int? seed)
    {
        var (x, y) = LogisticTestHelpers.Synthetic(120, 5, seed: 4);
        var lin = new LassoCV { Cv = 4, Seed = seed, NAlphas = 5 }.Fit(x, y);
        var log = new LogisticRegressionCV(LogisticPenalty.L1, folds: 4, seed: seed, nLambdas: 5).Fit(x, y);
        Assert.Equal(lin.FoldIds, log.FoldIds);
        Assert.Equal(Regularization.Data.Splits.Folds(120, 4, seed), lin.FoldIds);
        if (seed is null) Assert.Equal(Regularization.Data.Splits.KFoldContiguous(120, 4), log.FoldIds);
        else Assert.Equal(Regularization.Data.Splits.KFold(120, 4, seed.Value), log.FoldIds);
    }
}
