using Regularization.Data;
using Regularization.Exercises.AnswerKeys;
using Regularization.Linear;
using Regularization.Teaching;

namespace Regularization.Tests.Exercises;

[Collection("ExerciseLog")]
public sealed class Notebook03AnswerKeyTests
{
    private static readonly Lazy<(MathNet.Numerics.LinearAlgebra.Matrix<double> X, MathNet.Numerics.LinearAlgebra.Vector<double> Y)> Data =
        new(() => { var d = Datasets.Diabetes(); return (Standardizer.FitTransform(d.X).Z, d.Y); });

    [Fact]
    public void CorrectAnswersPass()
    {
        var (x, y) = Data.Value;
        int n = x.RowCount;
        var s = x.Svd().S;
        Assert.True(Notebook03.Exercise1(() => s.Sum(d => d * d / (d * d + 100))).Passed);
        var yc = y - y.Average();
        Assert.True(Notebook03.Exercise2(() => Enumerable.Range(0, 10).Max(j => Math.Abs(x.Column(j).DotProduct(yc))) / n).Passed);
        double m = y.Average(), sy = Math.Sqrt(y.Sum(v => (v - m) * (v - m)) / n);
        Assert.True(Notebook03.Exercise3(() => 50 * sy / n).Passed);
        var cv = new LassoCV { Cv = 5, Seed = 1, NAlphas = 30 }.Fit(x, y).Curve;
        double bound = cv.Mean[cv.IndexMin] + cv.StdError[cv.IndexMin];
        Assert.True(Notebook03.Exercise4(cv, () => Enumerable.Range(0, cv.Grid.Length).Where(i => cv.Mean[i] <= bound).Max(i => cv.Grid[i])).Passed);
        var t = EslTable33.Reproduce();
        double lo = 1e-6, hi = 1e6;
        for (int it = 0; it < 200; it++) { double mid = Math.Sqrt(lo * hi); if (Ridge.DegreesOfFreedom(t.XTrain, mid) > 3) lo = mid; else hi = mid; }
        Assert.True(Notebook03.Exercise5(() => new Ridge(Math.Sqrt(lo * hi)).Fit(t.XTrain, t.YTrain).MeanSquaredError(t.XTest, t.YTest)).Passed);
    }

    [Fact]
    public void WrongAnswersGetHelpfulFeedback()
    {
        var (x, y) = Data.Value;
        int n = x.RowCount;
        var s = x.Svd().S;
        var noSquares = Notebook03.Exercise1(() => s.Sum(d => d / (d + 100)));
        Assert.False(noSquares.Passed);
        Assert.Contains("d_j^2", noSquares.Feedback);
        var yc = y - y.Average();
        var twoN = Notebook03.Exercise2(() => Enumerable.Range(0, 10).Max(j => Math.Abs(x.Column(j).DotProduct(yc))) / (2 * n));
        Assert.False(twoN.Passed);
        Assert.Contains("too small", twoN.Feedback);
        Assert.False(Notebook03.Exercise3(() => 50.0 / n).Passed);
        var cv = new LassoCV { Cv = 5, Seed = 1, NAlphas = 30 }.Fit(x, y).Curve;
        Assert.NotEqual(cv.IndexMin, cv.Index1Se);
        var min = Notebook03.Exercise4(cv, () => cv.AtMin);
        Assert.False(min.Passed);
        Assert.Contains("LARGEST", min.Feedback);
        Assert.False(Notebook03.Exercise5(() => EslTable33.Reproduce().TestError[1]).Passed);   // the df = 5 test error
    }

    [Fact]
    public void MissingAnswersDoNotCrash()
    {
        var r = Notebook03.Exercise1(() => throw new NotImplementedException());
        Assert.False(r.Passed);
        Assert.Contains("not answered yet", r.Feedback);
        Assert.False(Notebook03.Exercise3(() => double.NaN).Passed);
        Assert.Contains("threw", Notebook03.Exercise2(() => throw new InvalidOperationException("oops")).Feedback);
    }
}
