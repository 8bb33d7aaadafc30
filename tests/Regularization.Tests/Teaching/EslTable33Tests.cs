using Regularization.Teaching;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Teaching;

/// <summary>The teaching reproduction of ESL Table 3.3 against reference case 04 (tolerance 1e-8 for computed values).</summary>
public class EslTable33Tests
{
    private static readonly Lazy<EslTable33> Table = new(() => EslTable33.Reproduce());

    [Fact]
    public void SolvedPenaltiesAndColumnsMatchTheReference()
    {
        var t = Table.Value;
        var o = Ref("04_esl_table33_prostate.json").GetProperty("outputs");
        AssertClose(o.GetProperty("Ridge").GetProperty("lambda_at_df5").GetDouble(), t.RidgeLambda, 1e-8, "ridge lambda at df 5");
        AssertClose(5.0, t.RidgeDf, 1e-10, "df");
        AssertClose(o.GetProperty("Lasso").GetProperty("alpha_at_s036").GetDouble(), t.LassoAlpha, 1e-8, "lasso alpha at s 0.36");
        AssertClose(0.36, t.LassoS, 1e-9, "s");
        foreach (var (name, col) in new[] { ("LS", t.LeastSquares), ("Ridge", t.Ridge), ("Lasso", t.Lasso) })
        {
            var expected = Vec(o.GetProperty(name).GetProperty("coef"));
            for (int j = 0; j < expected.Length; j++) AssertClose(expected[j], col[j], 1e-8, $"{name}[{j}]");
        }
        AssertClose(o.GetProperty("LS").GetProperty("test_error").GetDouble(), t.TestError[0], 1e-8, "LS test error");
        AssertClose(o.GetProperty("Ridge").GetProperty("test_error").GetDouble(), t.TestError[1], 1e-8, "ridge test error");
        AssertClose(o.GetProperty("Lasso").GetProperty("test_error").GetDouble(), t.TestError[2], 1e-8, "lasso test error");
        AssertClose(o.GetProperty("Ridge").GetProperty("max_abs_dev_from_published_slopes").GetDouble(), t.MaxSlopeDifference(1), 1e-8, "ridge deviation");
        AssertClose(o.GetProperty("Lasso").GetProperty("max_abs_dev_from_published_slopes").GetDouble(), t.MaxSlopeDifference(2), 1e-8, "lasso deviation");
        Assert.Equal(3, t.Lasso.Skip(1).Count(v => v != 0));
    }

    [Fact]
    public void PublishedColumnsAndHtmlTable()
    {
        var t = Table.Value;
        var pub = Ref("04_esl_table33_prostate.json").GetProperty("published");
        Assert.Equal(Vec(pub.GetProperty("Lasso")), t.PublishedLasso);
        Assert.Equal([0.521, 0.492, 0.479], t.PublishedTestError);
        string html = t.ToHtml();
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(html, "<tr><td").Count);   // 9 terms + test error
        Assert.Contains("lcavol", html);
        Assert.Contains("color:#b35900", html);   // the ridge intercept (2.464 vs the book's 2.452) is highlighted
        Assert.Throws<ArgumentOutOfRangeException>(() => t.MaxSlopeDifference(3));
    }

    [Fact]
    public void SolversForDfAndShrinkageInvertTheirCurves()
    {
        var t = Table.Value;
        foreach (double df in new[] { 1.0, 3.0, 7.5 })
            AssertClose(df, Regularization.Linear.Ridge.DegreesOfFreedom(t.XTrain, EslTable33.RidgeLambdaForDf(t.XTrain, df)), 1e-9, $"df {df}");
        Assert.Throws<ArgumentOutOfRangeException>(() => EslTable33.RidgeLambdaForDf(t.XTrain, 8.5));
        double a = EslTable33.LassoAlphaForShrinkage(t.XTrain, t.YTrain, 0.6);
        var ls1 = t.LeastSquares.Skip(1).Sum(Math.Abs);
        var w = new Regularization.Linear.Lasso(a) { Tol = 1e-14, MaxIter = 100000 }.Fit(t.XTrain, t.YTrain).Coef;
        AssertClose(0.6, w.L1Norm() / ls1, 1e-8, "s = 0.6");
    }
}
