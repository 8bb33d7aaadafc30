using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Linear;

/// <summary>Case 02: lasso and elastic-net paths on diabetes against the exact KKT solutions.</summary>
public class LassoPathReferenceTests
{
    [Theory]
    [InlineData(0, CdAlgorithm.Covariance)]
    [InlineData(0, CdAlgorithm.Naive)]
    [InlineData(1, CdAlgorithm.Covariance)]
    [InlineData(1, CdAlgorithm.Naive)]
    public void PathMatchesExactSolutions(int pathIndex, CdAlgorithm algorithm)
    {
        var refPath = Ref("02_lasso_enet_path_diabetes.json").GetProperty("outputs").GetProperty("paths")[pathIndex];
        double l1 = refPath.GetProperty("parameters").GetProperty("l1_ratio").GetDouble();
        var alphas = Vec(refPath.GetProperty("alphas"));
        var exact = Mat(refPath.GetProperty("coefs_exact"));
        var (x, y) = DiabetesStandardized();

        // our own grid agrees with the stored one
        var auto = ElasticNet.Path(x, y, l1, nAlphas: 50, eps: 1e-3, tol: 1e-4, algorithm: algorithm);
        for (int k = 0; k < alphas.Length; k++) AssertClose(alphas[k], auto.Alphas[k], 1e-12 * alphas[k], $"alpha[{k}]");

        var path = ElasticNet.Path(x, y, l1, alphas: alphas, fitIntercept: false, tol: 1e-12, maxIter: 100000, algorithm: algorithm);
        Assert.True(path.AllConverged, "not converged at " + string.Join(",", path.NotConverged));
        double scale = Math.Max(1, exact.SelectMany(r => r).Select(Math.Abs).Max());
        double worst = 0;
        for (int k = 0; k < alphas.Length; k++)
            for (int j = 0; j < 10; j++)
            {
                double d = Math.Abs(path.Coefs[j, k] - exact[k][j]);
                worst = Math.Max(worst, d);
                AssertClose(exact[k][j], path.Coefs[j, k], 1e-6 * scale, $"coef[{k}][{j}]");
                if (exact[k][j] == 0) Assert.True(Math.Abs(path.Coefs[j, k]) <= 1e-6 * scale);
            }
        Assert.True(worst < 1e-8 * scale, $"max error {worst:G3}");
        KktAssert.ElasticNetPath(x, y, path, fitIntercept: false, tolRel: 1e-6);
    }
}
