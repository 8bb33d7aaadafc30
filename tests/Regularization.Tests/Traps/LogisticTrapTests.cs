using MathNet.Numerics.LinearAlgebra;
using Regularization.Kernels;
using Regularization.Logistic;
using Regularization.Tests.Logistic;

namespace Regularization.Tests.Traps;

/// <summary>One test per trap or silent failure of issue 13 in the logistic estimators, their CV, the metrics and the span kernels.</summary>
public class LogisticTrapTests
{
    private static (Matrix<double> X, Vector<double> Y) ThreeClasses()
    {
        var rng = new Random(3);
        int n = 90;
        var x = Matrix<double>.Build.Dense(n, 3, (i, j) => rng.NextDouble() * 2 - 1 + (j == i % 3 ? 1.5 : 0));
        var y = Vector<double>.Build.Dense(n, i => i % 3);
        return (x, y);
    }

    [Fact]
    public void UndefinedEnumValuesAreRejectedWithTheirName()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(1, multiClass: (MultiClass)42));
        Assert.Equal("multiClass", ex.ParamName);
        Assert.Contains("multiClass = 42", ex.Message);
        Assert.Contains("Auto, Binary, Multinomial", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(1, solver: (LogisticSolver)42));
        Assert.Equal("solver", ex.ParamName);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionCV(measure: (LogisticCvMeasure)9));
        Assert.Equal("measure", ex.ParamName);
        Assert.Contains("Deviance, Misclassification, Auc", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticRegression.FromLambda(0.1, multiClass: (MultiClass)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionCV(multiClass: (MultiClass)42));
        // and the defined values still do what they say on three classes
        var (x, y) = ThreeClasses();
        var m = new LogisticRegression(1).Fit(x, y);
        Assert.Equal(3, m.Coef.RowCount);
        Assert.Equal(3, m.Predict(x).Distinct().Count());
    }

    [Fact]
    public void UnpenalizedFitOnSeparableWideDataReportsSeparable()
    {
        // 6 x 5000: always separable; it used to report Converged after one L-BFGS step with ||w|| = 70.75
        var rng = new Random(0);
        var x = Matrix<double>.Build.Dense(6, 5000, (_, _) => rng.NextDouble() * 2 - 1);
        var y = Vector<double>.Build.DenseOfArray([0, 1, 0, 1, 1, 0]);
        foreach (var solver in new[] { LogisticSolver.Auto, LogisticSolver.Lbfgs, LogisticSolver.ProximalNewton })
        {
            var m = new LogisticRegression(penalty: LogisticPenalty.None, solver: solver).Fit(x, y);
            Assert.Equal(LogisticStopReason.Separable, m.StopReason);
            Assert.False(m.Converged);
        }
        // the n > p separable case is unchanged
        var xs = Matrix<double>.Build.DenseOfArray(new double[,] { { -2 }, { -1 }, { 1 }, { 2 } });
        Assert.Equal(LogisticStopReason.Separable, new LogisticRegression(penalty: LogisticPenalty.None).Fit(xs, Vector<double>.Build.DenseOfArray([0, 0, 1, 1])).StopReason);
        // a penalized fit on the wide data converges (the minimizer exists)
        var l2 = new LogisticRegression(1).Fit(x, y);
        Assert.True(l2.Converged, l2.ToString());
    }

    [Fact]
    public void EmptyCGridIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LogisticRegressionCV(cs: []));
        Assert.Equal("cs", ex.ParamName);
        Assert.Contains("cs = [] is not allowed", ex.Message);
        Assert.Equal("lambdas", Assert.Throws<ArgumentException>(() => new LogisticRegressionCV(lambdas: [])).ParamName);
        Assert.Equal("lambdaMinRatio", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionCV(lambdaMinRatio: 1.5)).ParamName);
    }

    [Fact]
    public void AucOfANaNScoreIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Auc([0.1, double.NaN, 0.3], [false, true, true]));
        Assert.Equal("score", ex.ParamName);
        Assert.Contains("score[1] = NaN", ex.Message);
        Assert.Equal(1.0, ClassificationMetrics.Auc([0.1, 0.2, 0.3], [false, true, true]));
        Assert.Equal(0.875, ClassificationMetrics.Auc([0.1, double.PositiveInfinity, 0.3, 0.3], [false, true, true, false]));
    }

    [Fact]
    public void AnAucFoldWithOneClassIsSkippedNotFatal()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(60, 4, seed: 5);
        // fold 2's test rows are all of class 1 (glmnet would warn; it used to abort with "Every cross-validation score is NaN")
        var ones = Enumerable.Range(0, 60).Where(i => y[i] == 1).Take(5).ToHashSet();
        var rest = Enumerable.Range(0, 60).Where(i => !ones.Contains(i)).ToList();
        var folds = new int[60];
        foreach (var i in ones) folds[i] = 2;
        for (int k = 0; k < rest.Count; k++) folds[rest[k]] = k % 2;
        var cv = new LogisticRegressionCV(LogisticPenalty.L1, measure: LogisticCvMeasure.Auc, foldIds: folds, nLambdas: 10).Fit(x, y);
        Assert.Equal([2], cv.SkippedFolds);
        Assert.Equal(2, cv.Curve.FoldScores.ColumnCount);
        Assert.True(cv.Curve.Mean.All(double.IsFinite));
        // the two kept columns are the folds 0 and 1 as scored alone
        var dev = new LogisticRegressionCV(LogisticPenalty.L1, measure: LogisticCvMeasure.Deviance, foldIds: folds, nLambdas: 10).Fit(x, y);
        Assert.Empty(dev.SkippedFolds);
        Assert.Equal(3, dev.Curve.FoldScores.ColumnCount);
        // with one scorable fold left, the message says why
        var zeros = Enumerable.Range(0, 60).Where(i => y[i] == 0).Take(5).ToHashSet();
        var three = Enumerable.Range(0, 60).Select(i => ones.Contains(i) ? 0 : zeros.Contains(i) ? 1 : 2).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => new LogisticRegressionCV(measure: LogisticCvMeasure.Auc, foldIds: three, nLambdas: 5).Fit(x, y));
        Assert.True(ex.Message.Contains("2 of the 3 folds hold one class only"), ex.Message);
    }

    [Fact]
    public void FoldsLeavingAClassOutSayWhichClassAndFold()
    {
        var (x, y) = ThreeClasses();
        // fold 1 holds every row of class 2, so its training rows have no class 2
        var folds = Enumerable.Range(0, y.Count).Select(i => y[i] == 2 ? 1 : i % 2 == 0 ? 0 : 1).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => new LogisticRegressionCV(foldIds: folds, nLambdas: 5).Fit(x, y));
        Assert.Equal("foldIds", ex.ParamName);
        Assert.Contains("fold 1 leaves class 2 out of its", ex.Message);
    }

    [Fact]
    public void OverflowingClassWeightsAreNamedAsSuch()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(40, 3, seed: 1);
        var cw = ClassWeight.Of(new Dictionary<double, double> { [0] = 1e308, [1] = 1e308 });
        var ex = Assert.Throws<ArgumentException>(() => new LogisticRegression(1, classWeight: cw).Fit(x, y));
        Assert.Equal("classWeight", ex.ParamName);
        Assert.Contains("overflow", ex.Message);
        Assert.Contains("only their ratios matter", ex.Message);
        // the same ratio at a sane scale fits
        Assert.True(new LogisticRegression(1, classWeight: ClassWeight.Of(new Dictionary<double, double> { [0] = 1, [1] = 1 })).Fit(x, y).Converged);
    }

    [Fact]
    public void HugeDesignIsRejectedBeforeTheSolver()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(40, 3, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => new LogisticRegression(1).Fit(x * 1e200, y));
        Assert.Contains("is too large", ex.Message);
    }

    [Fact]
    public void SpanKernelsNameTheShortArgument()
    {
        double[] a = new double[6], b = new double[3], c = new double[2];
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => GramKernels.TransposeMultiply(a, 3, 2, c, new double[2])).ParamName);
        Assert.Equal("dest", Assert.Throws<ArgumentException>(() => GramKernels.TransposeMultiply(a, 3, 2, b, new double[1])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => GramKernels.Multiply(b, 3, 2, c, new double[3])).ParamName);
        Assert.Equal("dest", Assert.Throws<ArgumentException>(() => GramKernels.Transpose(a, 3, 2, new double[5])).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => GramKernels.Transpose(a, -1, 2, new double[5])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => LogisticKernels.LogLoss(b, c, b)).ParamName);
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => LogisticKernels.IrlsWeights(b, b, c, new double[3], new double[3])).ParamName);
        Assert.Equal("r", Assert.Throws<ArgumentException>(() => LogisticKernels.TransposeMultiply(a, 3, c, new double[2])).ParamName);
        Assert.Equal("h", Assert.Throws<ArgumentException>(() => LogisticKernels.WeightedGram(a, 3, 2, c, new double[3], new double[4])).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => LogisticKernels.Dot4(b, b, b, c, b, out _, out _, out _, out _)).ParamName);
        Assert.Equal("t", Assert.Throws<ArgumentOutOfRangeException>(() => ProxKernels.SoftThreshold(b, -1.0, new double[3])).ParamName);
        Assert.Equal("t", Assert.Throws<ArgumentOutOfRangeException>(() => ProxKernels.BlockSoftThreshold(b, double.NaN, new double[3])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => VectorKernels.Dot(b, c)).ParamName);
    }

    [Fact]
    public void InitPropertiesAreTheConstructorsOptionsAndAreCheckedBeforeWork()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(80, 6, seed: 3);
        var byCtor = new LogisticRegression(c: 0.3, penalty: LogisticPenalty.L1, tol: 1e-9).Fit(x, y);
        var byInit = new LogisticRegression { C = 0.3, Penalty = LogisticPenalty.L1, Tol = 1e-9 }.Fit(x, y);
        Assert.Equal(byCtor.Coef.ToColumnMajorArray(), byInit.Coef.ToColumnMajorArray());
        Assert.Equal(byCtor.Intercept.ToArray(), byInit.Intercept.ToArray());
        var bad = x.Clone();
        bad[0, 0] = double.NaN;   // the option error comes first
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression { C = -2 }.Fit(bad, y));
        Assert.Equal("C", ex.ParamName);
        Assert.Contains("C = -2", ex.Message);
        Assert.Equal("multiClass", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression { MultiClass = (MultiClass)42 }.Fit(bad, y)).ParamName);
        Assert.Equal("solver", Assert.Throws<ArgumentException>(() => new LogisticRegression { Penalty = LogisticPenalty.L1, Solver = LogisticSolver.Newton }.Path(bad, y)).ParamName);
        Assert.Equal("penaltyFactor", Assert.Throws<ArgumentException>(() => new LogisticRegression { PenaltyFactor = [] }.LambdaMax(bad, y)).ParamName);
    }
}
