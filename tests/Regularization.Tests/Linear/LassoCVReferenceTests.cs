using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Linear;

/// <summary>Case 03: LassoCV on diabetes with the stored contiguous folds.</summary>
public class LassoCVReferenceTests
{
    [Fact]
    public void MatchesSklearnLassoCV()
    {
        var r = Ref("03_lassocv_diabetes.json");
        var o = r.GetProperty("outputs");
        var folds = Ints(r.GetProperty("folds").GetProperty("fold_of_row"));
        var (x, y) = DiabetesStandardized();
        var cv = new LassoCV { FoldIds = folds, Tol = 1e-10, MaxIter = 100000 }.Fit(x, y);
        Assert.Empty(cv.NotConverged);
        var alphas = Vec(o.GetProperty("alphas"));
        for (int a = 0; a < alphas.Length; a++) AssertClose(alphas[a], cv.Alphas[a], 1e-12 * alphas[a], $"alpha[{a}]");
        var mse = Mat(o.GetProperty("mse_path"));
        for (int a = 0; a < alphas.Length; a++)
            for (int f = 0; f < 5; f++)
                AssertClose(mse[a][f], cv.Curve.FoldScores[a, f], 1e-6 * mse[a][f], $"mse[{a}][{f}]");
        var mean = Vec(o.GetProperty("mse_mean"));
        for (int a = 0; a < alphas.Length; a++) AssertClose(mean[a], cv.MseMean[a], 1e-6 * mean[a], $"mse_mean[{a}]");
        Assert.Equal(o.GetProperty("alpha_index").GetInt32(), cv.Curve.IndexMin);
        AssertClose(o.GetProperty("alpha_").GetDouble(), cv.AlphaMin, 1e-12, "alpha_");
        var coef = Vec(o.GetProperty("coef_exact"));
        double scale = Math.Max(1, MaxAbs(coef));
        for (int j = 0; j < coef.Length; j++) AssertClose(coef[j], cv.Model.Coef[j], 1e-6 * scale, $"coef[{j}]");
        AssertClose(0, cv.Model.Intercept, 1e-9, "intercept");
        Assert.True(cv.Model.Converged);
        // one-standard-error rule against a hand computation on the reference curve
        int best = o.GetProperty("alpha_index").GetInt32();
        double se = StdErr(mse[best]);
        int oneSe = Enumerable.Range(0, alphas.Length).Where(a => mean[a] <= mean[best] + se).Min();
        Assert.Equal(oneSe, cv.Curve.Index1Se);
        AssertClose(alphas[oneSe], cv.Alpha1Se, 1e-12 * alphas[oneSe], "alpha 1se");
        Assert.True(cv.Alpha1Se > cv.AlphaMin);
    }

    private static double StdErr(double[] v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(t => (t - m) * (t - m)) / (v.Length - 1) / v.Length);
    }

    [Fact]
    public void OneStandardErrorRefitAndSeededFoldsAreReproducible()
    {
        var (x, y) = DiabetesStandardized();
        var a = new LassoCV { Seed = 3, NAlphas = 30, Tol = 1e-8, Selection = CvSelection.OneStandardError }.Fit(x, y);
        var b = new LassoCV { Seed = 3, NAlphas = 30, Tol = 1e-8, Selection = CvSelection.OneStandardError }.Fit(x, y);
        Assert.Equal(a.FoldIds, b.FoldIds);
        Assert.Equal(a.Alpha1Se, b.Alpha1Se);
        Assert.Equal(a.Alpha1Se, a.Model.Alpha);
        Assert.NotEqual(Regularization.Data.Splits.KFoldContiguous(442, 5), a.FoldIds);
        var direct = new Lasso(a.Alpha1Se) { Tol = 1e-8 }.Fit(x, y);
        for (int j = 0; j < 10; j++) AssertClose(direct.Coef[j], a.Model.Coef[j], 1e-9, $"coef[{j}]");
    }

    [Fact]
    public void ElasticNetCVPicksAcrossL1Ratios()
    {
        var (x, y) = DiabetesStandardized();
        var ratios = new[] { 0.2, 0.6, 1.0 };
        var cv = new ElasticNetCV(ratios) { NAlphas = 40, Tol = 1e-8 }.Fit(x, y);
        Assert.Equal(3, cv.Curves.Length);
        double best = cv.Curves.Min(c => c.Mean[c.IndexMin]);
        Assert.Equal(best, cv.Curve.Mean[cv.Curve.IndexMin]);
        Assert.Equal(ratios[cv.BestL1Index], cv.Model.L1Ratio);
        for (int r = 0; r < 3; r++)
        {
            double amax = ElasticNet.AlphaMax(x, y, ratios[r]);
            AssertClose(amax, cv.Curves[r].Grid[0], 1e-12 * amax, $"alpha_max[{r}]");
        }
        KktAssert.ElasticNet(x, y, cv.Model.Coef, cv.Model.Intercept, cv.Model.Alpha, cv.Model.L1Ratio, 1e-5);
    }
}
