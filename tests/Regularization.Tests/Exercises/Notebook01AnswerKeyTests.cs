using Regularization.Exercises;
using Regularization.Exercises.AnswerKeys;

namespace Regularization.Tests.Exercises;

[Collection("ExerciseLog")]
public sealed class Notebook01AnswerKeyTests
{
    [Fact]
    public void CorrectAnswersPass()
    {
        Assert.True(Notebook01.Exercise1(() => 0.5 * (0.3 * 5 + 0.35 * 9)).Passed);
        Assert.True(Notebook01.Exercise2(() => new[] { 2.0, 0.0, 0.3, -1.2 }).Passed);
        Assert.True(Notebook01.Exercise3(() => 1.6).Passed);                // closed form c1 + (a12 - a22) c2 / (a11 - a12)
        Assert.True(Notebook01.Exercise5(() => new[] { 0.0, 0.0, 0.8 }).Passed);
        // 1.4: the norm of the ridge solution at the accepted mu is 1
        double mu = 2.04645;
        var w = Regularization.Teaching.ConstrainedMinimizer.Ridge(Notebook01.Loss, mu);
        Assert.Equal(1.0, Math.Sqrt(w[0] * w[0] + w[1] * w[1]), 4);
        Assert.True(Notebook01.Exercise4(() => mu).Passed);
    }

    [Fact]
    public void WrongAnswersGetHelpfulFeedback()
    {
        var noHalf = Notebook01.Exercise1(() => 0.5 * (0.3 * 5 + 0.7 * 9)); // forgot the 1/2
        Assert.False(noHalf.Passed);
        Assert.Contains("too large", noHalf.Feedback);
        Assert.Contains("1/2", noHalf.Feedback);
        var hard = Notebook01.Exercise2(() => new[] { 2.5, 0.0, 0.8, -1.7 });   // hard- instead of soft-threshold
        Assert.False(hard.Passed);
        Assert.Contains("3 of 4 entries", hard.Feedback);
        Assert.False(Notebook01.Exercise3(() => 2.8).Passed);
        Assert.False(Notebook01.Exercise5(() => new[] { 0.6, -0.8 }).Passed);
        Assert.Contains("2 entries", Notebook01.Exercise5(() => new[] { 0.6, -0.8 }).Feedback);
    }

    [Fact]
    public void MissingAnswersDoNotCrash()
    {
        var r = Notebook01.Exercise4(() => throw new NotImplementedException());
        Assert.False(r.Passed);
        Assert.Contains("not answered yet", r.Feedback);
        Assert.False(Notebook01.Exercise2(() => null).Passed);
    }
}
