using Regularization.Exercises;
using Regularization.Exercises.AnswerKeys;
using Regularization.Logistic;
using Regularization.Teaching;

namespace Regularization.Tests.Exercises;

[Collection("ExerciseLog")]
public sealed class Notebook04AnswerKeyTests
{
    [Fact]
    public void CorrectAnswersPass()
    {
        Assert.True(Notebook04.Exercise1(() => 1.0 / (0.25 * 569)).Passed);
        var (x, y, _) = LogisticStudy.BreastCancerStandardized();
        Assert.True(Notebook04.Exercise2(() => new LogisticRegression(c: 0.1, penalty: LogisticPenalty.L1).Fit(x, y).NonZeroCount).Passed);
        var (_, yTr, _, _) = Notebook04.Imbalanced();
        int n0 = yTr.Count(v => v == 0);
        Assert.True(Notebook04.Exercise3(() => (double)yTr.Count / (2 * n0)).Passed);
        var cv = new LogisticRegressionCV(LogisticPenalty.L1, measure: LogisticCvMeasure.Misclassification, folds: 10, seed: 0, nLambdas: 50).Fit(x, y);
        Assert.True(Notebook04.Exercise4(() => cv.C1Se).Passed);
        var (dx, dy, _, _) = Notebook04.Digits();
        var m = new LogisticRegression(c: 0.05, penalty: LogisticPenalty.L1).Fit(dx, dy);
        Assert.True(Notebook04.Exercise5(() => LogisticStudy.UnusedFeatures(m).Length).Passed);
        var (withCopy, copyFit) = CopyFit(x, y, 0.5);
        Assert.Equal(31, withCopy.ColumnCount);
        Assert.True(Notebook04.Exercise6(() => copyFit.Coef[0, 30]).Passed);
        Assert.True(Notebook04.Exercise6(() => copyFit.Coef[0, 20]).Passed);   // the original column: the same number
    }

    /// <summary>Exercise 4.6 as a student would do it: worst_radius (column 20) copied, elastic net at lambda = 0.02.</summary>
    private static (MathNet.Numerics.LinearAlgebra.Matrix<double> X, LogisticModel Model) CopyFit(
        MathNet.Numerics.LinearAlgebra.Matrix<double> x, MathNet.Numerics.LinearAlgebra.Vector<double> y, double l1Ratio)
    {
        var x2 = CorrelatedFeatures.WithNoisyCopy(x, 20, noise: 0, seed: 0);
        return (x2, LogisticRegression.FromLambda(0.02, LogisticPenalty.ElasticNet, l1Ratio: l1Ratio, tol: 1e-10).Fit(x2, y));
    }

    [Fact]
    public void WrongAnswersGetHelpfulFeedback()
    {
        var inverted = Notebook04.Exercise1(() => 0.25 * 569);          // C n instead of 1/(C n)
        Assert.False(inverted.Passed);
        Assert.Contains("too large", inverted.Feedback);
        Assert.Contains("1 / (C n)", inverted.Feedback);
        var all = Notebook04.Exercise2(() => 30);
        Assert.False(all.Passed);
        Assert.Contains("NonZeroCount", all.Feedback);
        var (_, yTr, _, _) = Notebook04.Imbalanced();
        var unbalanced = Notebook04.Exercise3(() => (double)yTr.Count / yTr.Count(v => v == 0));   // forgot K
        Assert.False(unbalanced.Passed);
        Assert.Contains("K = 2", unbalanced.Feedback);
        var lambdaNotC = Notebook04.Exercise4(() => 0.01);
        Assert.False(lambdaNotC.Passed);
        Assert.False(Notebook04.Exercise5(() => 3).Passed);   // only the blank pixels
        var (x, y, _) = LogisticStudy.BreastCancerStandardized();
        double single = LogisticRegression.FromLambda(0.02, LogisticPenalty.ElasticNet, l1Ratio: 0.5, tol: 1e-10).Fit(x, y).Coef[0, 20];
        var noCopy = Notebook04.Exercise6(() => single);                 // the fit without the copy
        Assert.False(noCopy.Passed);
        Assert.Contains("WithNoisyCopy", noCopy.Feedback);
        Assert.False(Notebook04.Exercise6(() => single / 2).Passed);    // half of it: the pair is shrunk less than that
        Assert.False(Notebook04.Exercise6(() => 0).Passed);             // what the lasso may give the copy
        Assert.False(Notebook04.Exercise6(() => CopyFit(x, y, 0.1).Model.Coef[0, 30]).Passed);   // the wrong l1Ratio
    }

    [Fact]
    public void MissingAnswersDoNotCrash()
    {
        var r = Notebook04.Exercise1(() => throw new NotImplementedException());
        Assert.False(r.Passed);
        Assert.Contains("not answered yet", r.Feedback);
        Assert.Contains("not answered yet", Notebook04.Exercise2(() => throw new NotImplementedException()).Feedback);
        Assert.Contains("not answered yet", Notebook04.Exercise3(() => throw new NotImplementedException()).Feedback);
        Assert.Contains("not answered yet", Notebook04.Exercise4(() => throw new NotImplementedException()).Feedback);
        Assert.Contains("threw InvalidOperationException", Notebook04.Exercise5(() => throw new InvalidOperationException("boom")).Feedback);
        Assert.False(Notebook04.Exercise1(() => double.NaN).Passed);
        Assert.Contains("not answered yet", Notebook04.Exercise6(() => throw new NotImplementedException()).Feedback);
    }
}
