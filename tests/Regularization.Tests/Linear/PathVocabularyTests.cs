using Regularization.Linear;
using Regularization.Logistic;
using Regularization.Tests.Logistic;

namespace Regularization.Tests.Linear;

/// <summary>The path vocabulary shared by the linear, group and logistic paths: Grid, ModelAt with certificates, prediction at any penalty.</summary>
public class PathVocabularyTests
{
    [Fact]
    public void LassoPathInterpolationIsExactWithinALinearSegment()
    {
        // the lasso path is piecewise linear in alpha: between two close points with the same active set and signs, the interpolated
        // coefficients are the exact solution at the intermediate alpha
        var (x, y) = LinearTestData.DiabetesStandardized();
        double amax = Lasso.AlphaMax(x, y);
        double a0 = 0.30 * amax, a1 = 0.29 * amax, mid = 0.2963 * amax;
        var path = Lasso.Path(x, y, alphas: [a0, a1], tol: 1e-14, maxIter: 100000);
        var s0 = path.Coefs.Column(0).Select(Math.Sign).ToArray();
        Assert.Equal(s0, path.Coefs.Column(1).Select(Math.Sign).ToArray());
        var exact = new Lasso(mid) { Tol = 1e-14, MaxIter = 100000 }.Fit(x, y);
        var (c, b) = path.CoefAt(mid);
        Assert.True((c - exact.Coef).AbsoluteMaximum() < 1e-9, $"{(c - exact.Coef).AbsoluteMaximum()}");
        Assert.Equal(exact.Intercept, b, 9);
        Assert.True((path.Predict(x, mid) - exact.Predict(x)).AbsoluteMaximum() < 1e-8);
        // grid points are exact, and ModelAt keeps the certificate
        Assert.Equal(path.Coefs.Column(1).ToArray(), path.CoefAt(a1).Coef.ToArray());
        var m = path.ModelAt(1);
        Assert.Equal(path.DualGaps[1], m.DualGap);
        Assert.True(m.Converged);
        Assert.Equal(a1, m.Alpha);
        Assert.Same(path.Alphas, path.Grid);
        Assert.Equal("at", Assert.Throws<ArgumentOutOfRangeException>(() => path.CoefAt(0.5 * amax)).ParamName);
    }

    [Fact]
    public void LogisticPathSpeaksTheSameVocabulary()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(100, 5, seed: 8);
        var path = new LogisticRegression(penalty: LogisticPenalty.L1).Path(x, y, nLambdas: 8);
        Assert.Same(path.Lambdas, path.Grid);
        Assert.Same(path.Models[3], path.ModelAt(3));
        Assert.Equal(path.Models[3].DecisionFunction(x).ToColumnMajorArray(), path.DecisionFunction(x, path.Lambdas[3]).ToColumnMajorArray());
        double mid = 0.5 * (path.Lambdas[3] + path.Lambdas[4]);
        var d = path.DecisionFunction(x, mid);
        var lo = path.Models[3].DecisionFunction(x);
        var hi = path.Models[4].DecisionFunction(x);
        for (int i = 0; i < x.RowCount; i++) Assert.Equal(0.5 * (lo[i, 0] + hi[i, 0]), d[i, 0], 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => path.DecisionFunction(x, 2 * path.Lambdas[0]));
    }
}

public class DevianceExplainedTests
{
    [Theory]
    [InlineData(CdAlgorithm.Covariance)]
    [InlineData(CdAlgorithm.Naive)]
    public void DevianceExplainedIsOneMinusRssOverTss(CdAlgorithm algorithm)
    {
        var (x, y) = LinearTestData.DiabetesStandardized();
        var yr = y + 150;   // uncentered, so the intercept matters
        var path = Lasso.Path(x, yr, nAlphas: 12, tol: 1e-12, maxIter: 100000, algorithm: algorithm);
        double tss = (yr - yr.Average()).DotProduct(yr - yr.Average());
        for (int k = 0; k < 12; k++)
        {
            var r = yr - path.Predict(x, path.Alphas[k]);
            Assert.Equal(1 - r.DotProduct(r) / tss, path.DevianceExplained[k], 10);
        }
        Assert.Equal(0.0, path.DevianceExplained[0], 12);   // alpha_max: the intercept-only model
        Assert.True(path.DevianceExplained[11] > 0.5);
        var g = GroupLasso.Path(x, yr, [[0, 1, 2], [3, 4], [5, 6, 7, 8, 9]], nAlphas: 6, tol: 1e-12, maxIter: 100000);
        for (int k = 0; k < 6; k++)
        {
            var r = yr - g.Predict(x, g.Alphas[k]);
            Assert.Equal(1 - r.DotProduct(r) / tss, g.DevianceExplained[k], 10);
        }
        Assert.All(Ridge.Path(x, yr, [1.0]).DevianceExplained, v => Assert.True(double.IsNaN(v)));
    }
}
