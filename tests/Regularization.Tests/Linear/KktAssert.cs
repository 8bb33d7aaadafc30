using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;

namespace Regularization.Tests.Linear;

/// <summary>
/// KKT certificates for the elastic net, computed independently of the solver on centered data:
/// g_j = x_j^T r / n - alpha (1 - l1) pf_j w_j must equal alpha l1 pf_j sign(w_j) where w_j != 0 and satisfy |g_j| &lt;= alpha l1 pf_j where w_j = 0.
/// </summary>
internal static class KktAssert
{
    public static void ElasticNet(Matrix<double> x, Vector<double> y, Vector<double> w, double b, double alpha, double l1, double tolRel,
        double[]? pf = null, bool positive = false, Vector<double>? sw = null)
    {
        int n = x.RowCount, p = x.ColumnCount;
        var s = sw is null ? Vector<double>.Build.Dense(n, 1.0) : sw * (n / sw.Sum());
        var r = (y - x * w - b).PointwiseMultiply(s);
        var g = x.TransposeThisAndMultiply(r) / n;
        double scale = Math.Max(1e-12, g.AbsoluteMaximum() + alpha);
        for (int j = 0; j < p; j++)
        {
            double f = pf?[j] ?? 1.0;
            double gj = g[j] - alpha * (1 - l1) * f * w[j];
            double t = alpha * l1 * f;
            if (w[j] != 0)
                Assert.True(Math.Abs(gj - t * Math.Sign(w[j])) <= tolRel * scale, $"active KKT at j={j}: g={gj:R}, expected {t * Math.Sign(w[j]):R} (alpha {alpha})");
            else if (positive)
                Assert.True(gj <= t + tolRel * scale, $"inactive positive KKT at j={j}: g={gj:R} > {t:R}");
            else
                Assert.True(Math.Abs(gj) <= t + tolRel * scale, $"inactive KKT at j={j}: |g|={Math.Abs(gj):R} > {t:R} (alpha {alpha})");
        }
    }

    public static void ElasticNetPath(Matrix<double> x, Vector<double> y, RegularizationPath path, bool fitIntercept, double tolRel)
    {
        for (int k = 0; k < path.Alphas.Length; k++)
            ElasticNet(x, y, path.Coefs.Column(k), path.Intercepts[k], path.Alphas[k], path.L1Ratio, tolRel);
    }
}
