using Regularization.Linear;
using Regularization.Teaching;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Teaching;

public class PathSummaryTests
{
    [Fact]
    public void NonZeroCountsAndEntryOrderMatchTheReferenceLassoPath()
    {
        var (x, y) = DiabetesStandardized();
        var refPath = Ref("02_lasso_enet_path_diabetes.json").GetProperty("outputs").GetProperty("paths")[0];
        var alphas = Vec(refPath.GetProperty("alphas"));
        var exact = Mat(refPath.GetProperty("coefs_exact"));
        var s = PathSummary.From(Lasso.Path(x, y, alphas: alphas, tol: 1e-12, maxIter: 100000), Enumerable.Range(0, 10).Select(j => $"x{j}").ToArray());
        var expectedCounts = exact.Select(w => w.Count(v => Math.Abs(v) > 1e-12)).ToArray();
        Assert.Equal(expectedCounts, s.NonZeroCounts);
        for (int k = 0; k < alphas.Length; k++) AssertClose(Math.Log10(alphas[k]), s.Log10Alphas[k], 1e-15, $"log10 alpha[{k}]");
        // entry alpha of every feature: the largest reference alpha with a non-zero exact coefficient
        for (int j = 0; j < 10; j++)
        {
            var nz = Enumerable.Range(0, alphas.Length).Where(k => Math.Abs(exact[k][j]) > 1e-12).ToArray();
            if (nz.Length == 0) Assert.True(double.IsNaN(s.EntryAlpha[j]));
            else Assert.Equal(nz.Max(k => alphas[k]), s.EntryAlpha[j]);
        }
        Assert.Equal(s.EntryOrder.OrderByDescending(j => s.EntryAlpha[j]).ToArray(), s.EntryOrder);
        for (int k = 0; k < alphas.Length; k++)
            AssertClose(exact[k].Sum(Math.Abs), s.L1Norms[k], 1e-6 * Math.Max(1, exact[k].Sum(Math.Abs)), $"L1 norm [{k}]");
        Assert.Equal(s.Path.Coefs.Row(2).ToArray(), s.Trace(2));
        Assert.Equal(10, s.NearestIndex(alphas[10] * 1.01));
    }

    [Fact]
    public void BadInputIsRejectedWithTheParameterName()
    {
        var (x, y) = DiabetesStandardized();
        var path = Lasso.Path(x, y, nAlphas: 5);
        var e = Assert.Throws<ArgumentException>(() => PathSummary.From(path, ["a", "b"]));
        Assert.Contains("featureNames", e.Message);
        var zero = Ridge.Path(x, y, [1.0, 0.0]);
        Assert.Throws<ArgumentException>(() => PathSummary.From(zero, Enumerable.Range(0, 10).Select(j => $"x{j}").ToArray()));
        var s = PathSummary.From(path, Enumerable.Range(0, 10).Select(j => $"x{j}").ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Trace(10));
    }
}
