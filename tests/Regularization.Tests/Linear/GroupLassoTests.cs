using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Linear;

public class GroupLassoTests
{
    private static readonly int[][] DiabetesGroups = [[0, 1], [2, 3], [4, 5, 6, 7, 8], [9]];

    /// <summary>KKT: X_g^T r / n = alpha omega_g w_g / ||w_g|| on active groups, ||X_g^T r / n|| &lt;= alpha omega_g on the others.</summary>
    internal static void AssertKkt(Matrix<double> x, Vector<double> y, Vector<double> w, double b, double alpha, int[][] groups, double tol)
    {
        int n = x.RowCount;
        var g = x.TransposeThisAndMultiply(y - x * w - b) / n;
        foreach (var grp in groups)
        {
            double omega = Math.Sqrt(grp.Length);
            double wn = Math.Sqrt(grp.Sum(j => w[j] * w[j]));
            double gn = Math.Sqrt(grp.Sum(j => g[j] * g[j]));
            if (wn == 0) Assert.True(gn <= alpha * omega * (1 + tol) + tol, $"inactive group [{string.Join(",", grp)}]: {gn:R} > {alpha * omega:R}");
            else
                foreach (int j in grp)
                    Assert.True(Math.Abs(g[j] - alpha * omega * w[j] / wn) <= tol * Math.Max(1, alpha * omega), $"active KKT j={j}: {g[j]:R} vs {alpha * omega * w[j] / wn:R}");
        }
    }

    [Theory]
    [InlineData(CdAlgorithm.Covariance)]
    [InlineData(CdAlgorithm.Naive)]
    public void PathSatisfiesKktAndStartsAtZero(CdAlgorithm algorithm)
    {
        var (x, y) = DiabetesStandardized();
        var path = GroupLasso.Path(x, y, DiabetesGroups, nAlphas: 30, tol: 1e-12, maxIter: 100000, algorithm: algorithm);
        Assert.True(path.AllConverged, string.Join(",", path.NotConverged));
        Assert.Equal(0, path.NonZeroCounts[0]);
        Assert.True(path.NonZeroCounts[^1] == 10);
        for (int k = 0; k < path.Alphas.Length; k++)
            AssertKkt(x, y, path.Coefs.Column(k), path.Intercepts[k], path.Alphas[k], DiabetesGroups, 1e-6);
        double amax = GroupLasso.AlphaMax(x, y, DiabetesGroups);
        AssertClose(amax, path.Alphas[0], 1e-12 * amax, "alpha_max");
        var below = new GroupLasso(amax * 0.999, DiabetesGroups) { Tol = 1e-10 }.Fit(x, y);
        Assert.Single(below.ActiveGroups);
    }

    [Fact]
    public void SingletonGroupsEqualTheLasso()
    {
        var (x, y) = DiabetesStandardized();
        var singles = Enumerable.Range(0, 10).Select(j => (IReadOnlyList<int>)new[] { j }).ToArray();
        var gl = new GroupLasso(0.5, singles) { Tol = 1e-12, MaxIter = 100000 }.Fit(x, y);
        var la = new Lasso(0.5) { Tol = 1e-12, MaxIter = 100000 }.Fit(x, y);
        for (int j = 0; j < 10; j++) AssertClose(la.Coef[j], gl.Coef[j], 1e-8, $"coef[{j}]");
        Assert.True(gl.Converged);
    }

    [Fact]
    public void UngroupedFeaturesAreUnpenalizedAndCvSelects()
    {
        var (x, y) = DiabetesStandardized();
        int[][] partial = [[0, 1], [4, 5, 6, 7]];   // bmi, bp, s5, s6 unpenalized
        double amax = GroupLasso.AlphaMax(x, y, partial);
        var m = new GroupLasso(amax * 1.01, partial) { Tol = 1e-12, MaxIter = 100000 }.Fit(x, y);
        Assert.DoesNotContain(m.ActiveGroups, g => g < 2);
        Assert.All(new[] { 2, 3, 8, 9 }, j => Assert.NotEqual(0.0, m.Coef[j]));
        var cv = new GroupLassoCV(DiabetesGroups) { NAlphas = 20, Tol = 1e-8, Seed = 1 }.Fit(x, y);
        Assert.Empty(cv.NotConverged);
        Assert.True(cv.Alpha1Se >= cv.AlphaMin);
        Assert.Equal(cv.AlphaMin, cv.Model.Alpha);
        AssertKkt(x, y, cv.Model.Coef, cv.Model.Intercept, cv.Model.Alpha, DiabetesGroups, 1e-4);
    }

    [Fact]
    public void GroupIndexOutOfRangeIsRejected()
    {
        var (x, y) = DiabetesStandardized();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GroupLasso(0.1, [[0, 10]]).Fit(x, y));
        Assert.Contains("10", ex.Message);
        Assert.Contains("groups", ex.Message);
        Assert.Throws<ArgumentException>(() => new GroupLasso(0.1, [[0, 1], [1, 2]]).Fit(x, y));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupLasso(-1, [[0]]));
    }
}
