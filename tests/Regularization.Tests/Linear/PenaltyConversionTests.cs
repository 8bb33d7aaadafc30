using Regularization.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Linear;

/// <summary>The sklearn alpha / glmnet lambda / logistic C conversions against the calls recorded in cases 01, 02 and 05.</summary>
public class PenaltyConversionTests
{
    [Fact]
    public void ElasticNetMappingReproducesTheRecordedGlmnetCall()
    {
        var p = Ref("02_lasso_enet_path_diabetes.json").GetProperty("outputs").GetProperty("paths")[1];
        var call = p.GetProperty("glmnet_call");
        var (_, y) = DiabetesStandardized();
        double sd = PenaltyConversion.GlmnetTargetScale(y.ToArray());
        AssertClose(call.GetProperty("sd_pop_y").GetDouble(), sd, 1e-12 * sd, "sd_pop_y");
        var alphas = Vec(p.GetProperty("alphas"));
        var lambdas = Vec(call.GetProperty("lambda"));
        for (int k = 0; k < alphas.Length; k++)
        {
            var (ga, lam) = PenaltyConversion.SklearnToGlmnet(alphas[k], 0.5, sd);
            AssertClose(call.GetProperty("alpha").GetDouble(), ga, 1e-14, "glmnet alpha");
            AssertClose(lambdas[k], lam, 1e-12 * lambdas[k], $"lambda[{k}]");
            var (a, l1) = PenaltyConversion.GlmnetToSklearn(ga, lam, sd);
            AssertClose(alphas[k], a, 1e-12 * alphas[k], "round trip alpha");
            AssertClose(0.5, l1, 1e-14, "round trip l1");
        }
        // the glmnet solution of that call is our elastic-net solution at the sklearn alpha
        var glm = Mat(p.GetProperty("glmnet_coefs"));
        var (x, yy) = DiabetesStandardized();
        var ours = ElasticNet.Path(x, yy, 0.5, alphas: alphas[..10], fitIntercept: false, tol: 1e-12, maxIter: 100000);
        double scale = Math.Max(1, glm.SelectMany(r => r).Max(Math.Abs));
        for (int k = 0; k < 10; k++)
            for (int j = 0; j < 10; j++) AssertClose(glm[k][j], ours.Coefs[j, k], 1e-6 * scale, $"glmnet coef[{k}][{j}]");
        // lasso: identity
        var (g1, l1am) = PenaltyConversion.SklearnToGlmnet(0.7, 1.0, sd);
        Assert.Equal(1.0, g1);
        Assert.Equal(0.7, l1am);
    }

    [Fact]
    public void RidgeAndLogisticMappings()
    {
        var r = Ref("01_ridge_diabetes.json");
        Assert.Contains("alpha_sklearn * sd_pop(y) / n", r.GetProperty("cross_check").GetProperty("glmnet").GetProperty("method").GetString());
        double sd = 77.00574586945044;
        AssertClose(10 * sd / 442, PenaltyConversion.RidgeToGlmnetLambda(10, 442, sd), 1e-15, "ridge lambda");
        AssertClose(10, PenaltyConversion.GlmnetLambdaToRidge(PenaltyConversion.RidgeToGlmnetLambda(10, 442, sd), 442, sd), 1e-12, "ridge round trip");
        // case 04: glmnet ridge lambda recorded for sklearn alpha 23.9989 on 67 rows of prostate
        var c4 = Ref("04_esl_table33_prostate.json");
        double alpha = c4.GetProperty("outputs").GetProperty("Ridge").GetProperty("lambda_at_df5").GetDouble();
        double lam = c4.GetProperty("cross_check").GetProperty("ridge_glmnet_call").GetProperty("lambda").GetDouble();
        var ds = Regularization.Data.Datasets.Prostate();
        var ytrain = Enumerable.Range(0, ds.Rows).Where(i => ds.Extra["train"][i] == 1).Select(i => ds.Y[i]).ToArray();
        AssertClose(lam, PenaltyConversion.RidgeToGlmnetLambda(alpha, 67, PenaltyConversion.GlmnetTargetScale(ytrain)), 1e-12 * lam, "case 04 ridge lambda");
        // Ridge(alpha) equals ElasticNet(alpha/n, l1Ratio 0)
        var (x, y) = DiabetesStandardized();
        var ridge = new Ridge(10).Fit(x, y);
        var en = new ElasticNet(PenaltyConversion.RidgeToElasticNetAlpha(10, 442), 0) { Tol = 1e-14, MaxIter = 100000 }.Fit(x, y);
        for (int j = 0; j < 10; j++) AssertClose(ridge.Coef[j], en.Coef[j], 1e-7, $"ridge vs enet coef[{j}]");
        Assert.Equal(4420, PenaltyConversion.ElasticNetToRidgeAlpha(10, 442));
        // logistic: lambda = 1 / (C n)
        AssertClose(1.0 / (0.5 * 569), PenaltyConversion.LogisticCToLambda(0.5, 569), 1e-18, "C to lambda");
        AssertClose(0.5, PenaltyConversion.LambdaToLogisticC(PenaltyConversion.LogisticCToLambda(0.5, 569), 569), 1e-14, "lambda to C");
        Assert.Throws<ArgumentOutOfRangeException>(() => PenaltyConversion.LogisticCToLambda(0, 10));
    }
}
