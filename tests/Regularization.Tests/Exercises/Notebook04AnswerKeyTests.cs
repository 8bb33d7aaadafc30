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
    }
}
