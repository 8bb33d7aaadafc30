using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Linear;

/// <summary>Case 04: ESL Table 3.3 on prostate (LS, ridge at df = 5, lasso at s = 0.36).</summary>
public class EslTable33Tests
{
    private static (Matrix<double> X, Vector<double> Y, Matrix<double> XTest, Vector<double> YTest) Prostate()
    {
        var ds = Datasets.Prostate();
        var (scaler, z) = Standardizer.FitTransform(ds.X, ddof: 1);
        var r = Ref("04_esl_table33_prostate.json").GetProperty("inputs");
        var sd = Vec(r.GetProperty("x_sd_all97_ddof1"));
        for (int j = 0; j < sd.Length; j++) AssertClose(sd[j], scaler.StdDev[j], 1e-12 * sd[j], $"sd[{j}]");
        var train = Enumerable.Range(0, ds.Rows).Where(i => ds.Extra["train"][i] == 1).ToArray();
        var test = Enumerable.Range(0, ds.Rows).Where(i => ds.Extra["train"][i] == 0).ToArray();
        return (MatrixOps.SelectRows(z, train), MatrixOps.SelectRows(ds.Y, train), MatrixOps.SelectRows(z, test), MatrixOps.SelectRows(ds.Y, test));
    }

    [Fact]
    public void LeastSquaresRidgeAndLassoColumns()
    {
        var (x, y, xt, yt) = Prostate();
        var o = Ref("04_esl_table33_prostate.json").GetProperty("outputs");
        // LS = ridge at alpha 0
        var ls = new Ridge(0).Fit(x, y);
        Check(Vec(o.GetProperty("LS").GetProperty("coef")), ls, 1e-8, "LS");
        AssertClose(o.GetProperty("LS").GetProperty("test_error").GetDouble(), ls.MeanSquaredError(xt, yt), 1e-8, "LS test error");
        var pub = Vec(Ref("04_esl_table33_prostate.json").GetProperty("published").GetProperty("LS"));
        Check(pub, ls, 5e-4, "LS published");

        var ridgeRef = o.GetProperty("Ridge");
        double lam = ridgeRef.GetProperty("lambda_at_df5").GetDouble();
        AssertClose(5.0, Ridge.DegreesOfFreedom(x, lam), 1e-8, "df(lambda)");
        var ridge = new Ridge(lam).Fit(x, y);
        Check(Vec(ridgeRef.GetProperty("coef")), ridge, 1e-8, "ridge");
        AssertClose(ridgeRef.GetProperty("test_error").GetDouble(), ridge.MeanSquaredError(xt, yt), 1e-8, "ridge test error");

        var lassoRef = o.GetProperty("Lasso");
        double a = lassoRef.GetProperty("alpha_at_s036").GetDouble();
        var lasso = new Lasso(a) { Tol = 1e-14, MaxIter = 100000 }.Fit(x, y);
        Assert.True(lasso.Converged, lasso.StopReason);
        Check(Vec(lassoRef.GetProperty("coef")), lasso, 1e-8, "lasso");
        Assert.Equal(3, lasso.NonZeroCount);
        double s = lasso.Coef.L1Norm() / ls.Coef.L1Norm();
        AssertClose(0.36, s, 1e-8, "shrinkage factor s");
        AssertClose(lassoRef.GetProperty("test_error").GetDouble(), lasso.MeanSquaredError(xt, yt), 1e-8, "lasso test error");
    }

    private static void Check(double[] expected, LinearModel m, double tol, string what)
    {
        AssertClose(expected[0], m.Intercept, tol, what + " intercept");
        for (int j = 1; j < expected.Length; j++) AssertClose(expected[j], m.Coef[j - 1], tol, $"{what} coef[{j - 1}]");
    }
}
