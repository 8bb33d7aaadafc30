using Regularization.Linear;
using Regularization.Teaching;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Teaching;

public class LassoCertificateTests
{
    [Fact]
    public void ExactReferenceSolutionsSatisfyKktAndHaveZeroGap()
    {
        var (x, y) = DiabetesStandardized();
        foreach (int path in new[] { 0, 1 })
        {
            var p = Ref("02_lasso_enet_path_diabetes.json").GetProperty("outputs").GetProperty("paths")[path];
            double l1 = path == 0 ? 1.0 : 0.5;
            var alphas = Vec(p.GetProperty("alphas"));
            var exact = Mat(p.GetProperty("coefs_exact"));
            foreach (int k in new[] { 5, 20, 49 })
            {
                var w = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(exact[k].Select(v => Math.Abs(v) > 1e-12 ? v : 0).ToArray());
                var c = LassoCertificate.Compute(x, y, w, alphas[k], l1);
                Assert.True(c.MaxKktViolation < 1e-8, $"path {path} k {k}: KKT violation {c.MaxKktViolation}");
                Assert.True(c.DualGap < 1e-9 * (1 + c.PrimalObjective), $"path {path} k {k}: gap {c.DualGap}");
                for (int j = 0; j < w.Count; j++)
                    if (w[j] != 0) AssertClose(Math.Sign(w[j]), c.Normalized[j], 1e-8, $"normalized[{j}]");
                    else Assert.True(Math.Abs(c.Normalized[j]) <= 1 + 1e-8);
            }
        }
    }

    [Fact]
    public void GapMatchesTheSolverAndBoundsTheSuboptimality()
    {
        var (x, y) = DiabetesStandardized();
        int n = x.RowCount;
        foreach (var (alpha, l1) in new[] { (1.0, 1.0), (0.5, 0.5), (0.05, 0.1) })
        {
            var loose = new ElasticNet(alpha, l1) { Tol = 1e-3 }.Fit(x, y);
            var tight = new ElasticNet(alpha, l1) { Tol = 1e-14, MaxIter = 100000 }.Fit(x, y);
            var cl = LassoCertificate.Compute(x, y, loose.Coef, alpha, l1);
            var ct = LassoCertificate.Compute(x, y, tight.Coef, alpha, l1);
            double excess = cl.PrimalObjective - ct.PrimalObjective;
            // for the lasso both use scikit-learn's dual point; with an L2 term the solver uses the (tighter) Fenchel-conjugate dual
            if (l1 == 1.0) AssertClose(loose.DualGap / n, cl.DualGap, 1e-7 * (1 + cl.DualGap), $"gap vs solver ({alpha}, {l1})");
            Assert.True(excess <= cl.DualGap + 1e-12, $"our gap {cl.DualGap} < excess {excess}");
            Assert.True(excess <= loose.DualGap / n + 1e-12, $"solver gap {loose.DualGap / n} < excess {excess}");
            Assert.True(ct.MaxKktViolation < 1e-6, $"tight KKT {ct.MaxKktViolation}");
        }
        // a perturbed solution violates KKT and has a positive gap at least its excess objective
        var w = new Lasso(1.0) { Tol = 1e-14, MaxIter = 100000 }.Fit(x, y).Coef.Clone();
        var opt = LassoCertificate.Compute(x, y, w, 1.0);
        w[0] += 2.0;
        var bad = LassoCertificate.Compute(x, y, w, 1.0);
        Assert.True(bad.MaxKktViolation > 0.1);
        Assert.True(bad.DualGap >= bad.PrimalObjective - opt.PrimalObjective - 1e-12 && bad.DualGap > 0);
    }

    [Fact]
    public void ZeroSolutionAboveAlphaMaxIsCertified()
    {
        var (x, y) = DiabetesStandardized();
        double amax = ElasticNet.AlphaMax(x, y, 1.0);
        var zero = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(x.ColumnCount);
        var c = LassoCertificate.Compute(x, y, zero, amax * 1.01);
        Assert.Equal(0, c.MaxKktViolation);
        Assert.True(c.DualGap < 1e-9 * c.PrimalObjective);
        Assert.Equal(1.0, c.DualScale);
        var below = LassoCertificate.Compute(x, y, zero, amax * 0.9);
        Assert.True(below.MaxKktViolation > 0 && below.DualGap > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => LassoCertificate.Compute(x, y, zero, 0.0));
    }
}
