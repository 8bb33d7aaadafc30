using MathNet.Numerics.LinearAlgebra;
using Regularization.Exercises;

namespace Regularization.Tests.Exercises;

[Collection("ExerciseLog")]
public class CheckTests
{
    [Fact]
    public void CloseAcceptsWithinToleranceAndExplainsMisses()
    {
        Assert.True(Check.Close("t.close.1", 1.0 + 5e-7, 1.0).Passed);
        var tooBig = Check.Close("t.close.2", 1.1, 1.0, hint: "divide by n");
        Assert.False(tooBig.Passed);
        Assert.Contains("too large", tooBig.Feedback);
        Assert.Contains("10% off", tooBig.Feedback);
        Assert.Contains("divide by n", tooBig.Feedback);
        var wrongSign = Check.Close("t.close.3", -2.0, 2.0);
        Assert.Contains("wrong sign", wrongSign.Feedback);
        Assert.False(Check.Close("t.close.4", double.NaN, 2.0).Passed);
    }

    [Fact]
    public void VectorFeedbackNamesTheWorstEntry()
    {
        var r = Check.Close("t.vec.1", new[] { 1.0, 2.0, 3.5 }, new[] { 1.0, 2.0, 3.0 });
        Assert.False(r.Passed);
        Assert.Contains("1 of 3", r.Feedback);
        Assert.Contains("entry 2", r.Feedback);
        Assert.False(Check.Close("t.vec.2", new[] { 1.0 }, new[] { 1.0, 2.0 }).Passed);
        Assert.True(Check.Close("t.vec.3", Vector<double>.Build.Dense([1, 2]), Vector<double>.Build.Dense([1, 2 + 1e-9])).Passed);
    }

    [Fact]
    public void AnswersThatThrowBecomeFeedbackNotCrashes()
    {
        var r = Check.Close("t.throw.1", () => throw new NotImplementedException(), 3.0);
        Assert.False(r.Passed);
        Assert.Contains("not answered yet", r.Feedback);
        var r2 = Check.Equal<int>("t.throw.2", () => throw new InvalidOperationException("boom"), 3);
        Assert.Contains("boom", r2.Feedback);
    }

    [Fact]
    public void LogKeepsLatestResultAndRequireAllPassedEnforcesIt()
    {
        Check.Equal("t.log.1", 2, 3);
        Assert.Throws<InvalidOperationException>(() => ExerciseLog.RequireAllPassed("t.log.1"));
        Check.Equal("t.log.1", 3, 3);
        Assert.True(ExerciseLog.Results.Single(r => r.Exercise == "t.log.1").Passed);
        var ex = Assert.Throws<InvalidOperationException>(() => ExerciseLog.RequireAllPassed("t.log.1", "t.log.missing"));
        Assert.Contains("t.log.missing", ex.Message);
        Assert.Contains("Not yet", Check.That("t.log.2", false, "ok", "nope").ToHtml());
    }
}
