using Regularization.Exercises.AnswerKeys;
using Regularization.Linear;
using Regularization.Teaching;

namespace Regularization.Tests.Exercises;

[Collection("ExerciseLog")]
public sealed class Notebook05AnswerKeyTests
{
    private static readonly Lazy<GroupDesign> Design = new(Notebook05.Design);

    [Fact]
    public void CorrectAnswersPass()
    {
        var d = Design.Value;
        int n = d.X.RowCount;
        var yc = d.Y - d.Y.Average();
        Assert.True(Notebook05.Exercise1(() => d.GroupIndices.Max(g => Math.Sqrt(g.Sum(j => Math.Pow(d.X.Column(j).DotProduct(yc), 2)))) / n).Passed);
        Assert.True(Notebook05.Exercise2(() => new[] { 1.8, -2.4, 0.0 }).Passed);
        double ga = 0.2 * GroupLasso.AlphaMax(d.X, d.Y, d.Groups), la = 0.2 * ElasticNet.AlphaMax(d.X, d.Y, 1.0);
        var gsel = d.SelectedGroups(new GroupLasso(ga, d.Groups).Fit(d.X, d.Y).Coef);
        var lsel = d.SelectedGroups(new Lasso(la).Fit(d.X, d.Y).Coef);
        Assert.True(Notebook05.Exercise3(ga, () => gsel.Length).Passed);
        Assert.True(Notebook05.Exercise4(la, ga, () => lsel.Intersect(gsel).Count() / (double)lsel.Union(gsel).Count()).Passed);
    }

    [Fact]
    public void WrongAnswersGetHelpfulFeedback()
    {
        var d = Design.Value;
        var weighted = Notebook05.Exercise1(() => GroupLasso.AlphaMax(d.X, d.Y, d.Groups));
        Assert.False(weighted.Passed);
        Assert.Contains("sqrt(|g|)", weighted.Feedback);
        var entrywise = Notebook05.Exercise2(() => new[] { 1.0, -2.0, 0.0 });     // entrywise soft-thresholding
        Assert.False(entrywise.Passed);
        Assert.Contains("0.6", entrywise.Feedback);
        double ga = 0.2 * GroupLasso.AlphaMax(d.X, d.Y, d.Groups);
        int k = d.SelectedGroups(new GroupLasso(ga, d.Groups).Fit(d.X, d.Y).Coef).Length;
        Assert.False(Notebook05.Exercise3(ga, () => k + 1).Passed);
        var cols = Notebook05.Exercise4(0.2 * ElasticNet.AlphaMax(d.X, d.Y, 1.0), ga, () => 0.123);
        Assert.False(cols.Passed);
        Assert.Contains("GROUPS", cols.Feedback);
    }

    [Fact]
    public void MissingAnswersDoNotCrash()
    {
        var r = Notebook05.Exercise3(1.0, () => throw new NotImplementedException());
        Assert.False(r.Passed);
        Assert.Contains("not answered yet", r.Feedback);
        Assert.False(Notebook05.Exercise2(() => null).Passed);
    }
}
