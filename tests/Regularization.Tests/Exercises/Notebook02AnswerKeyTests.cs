using Regularization.Exercises;
using Regularization.Exercises.AnswerKeys;

namespace Regularization.Tests.Exercises;

[Collection("ExerciseLog")]
public sealed class Notebook02AnswerKeyTests
{
    private static double[] LogisticGradient(double[] w, double penaltyFactor)
    {
        double[] x = [1.0, -2.0, 0.5];
        double z = x[0] * w[0] + x[1] * w[1] + x[2] * w[2];
        double s = 1.0 / (1.0 + Math.Exp(z));
        return x.Select((xj, j) => -xj * s + penaltyFactor * 0.1 * w[j]).ToArray();
    }

    [Fact]
    public void CorrectAnswersPass()
    {
        Assert.True(Notebook02.Exercise1(() => 0.01).Passed);
        Assert.True(Notebook02.Exercise2(() => w => LogisticGradient(w, 2)).Passed);
        Assert.True(Notebook02.Exercise3(() => 69).Passed);   // 0.99^69 = 0.4998 <= 1/2 < 0.99^68
        Assert.True(Notebook02.Exercise4(() => 34).Passed);   // ceil(1 / 0.03)
        // 2.5 by hand: A(w - c) = (-1.65, -0.8), v = w - 0.4 A(w - c) = (1.66, 0.82), soft at 0.52
        Assert.True(Notebook02.Exercise5(() => new[] { 1.14, 0.30 }).Passed);
    }

    [Fact]
    public void WrongAnswersGetHelpfulFeedback()
    {
        var pytorchLambda = Notebook02.Exercise1(() => 0.005);
        Assert.False(pytorchLambda.Passed);
        Assert.Contains("2 lambda w", pytorchLambda.Feedback);
        var missingTwo = Notebook02.Exercise2(() => w => LogisticGradient(w, 1));
        Assert.False(missingTwo.Passed);
        Assert.Contains("central differences give", missingTwo.Feedback);
        var wrongLength = Notebook02.Exercise2(() => w => new double[2]);
        Assert.False(wrongLength.Passed);
        Assert.Contains("expected 3", wrongLength.Feedback);
        Assert.False(Notebook02.Exercise3(() => 68).Passed);
        Assert.False(Notebook02.Exercise4(() => 33).Passed);
        Assert.False(Notebook02.Exercise5(() => new[] { 1.66, 0.82 }).Passed);   // forgot the soft-threshold
    }

    [Fact]
    public void MissingAnswersDoNotCrash()
    {
        Assert.Contains("not answered yet", Notebook02.Exercise2(() => throw new NotImplementedException()).Feedback);
        Assert.Contains("not answered yet", Notebook02.Exercise3(() => throw new NotImplementedException()).Feedback);
        var throwsInside = Notebook02.Exercise2(() => w => throw new InvalidOperationException("boom"));
        Assert.False(throwsInside.Passed);
        Assert.Contains("boom", throwsInside.Feedback);
    }
}
