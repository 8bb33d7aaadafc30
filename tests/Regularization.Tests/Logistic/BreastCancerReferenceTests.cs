using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Logistic;

namespace Regularization.Tests.Logistic;

/// <summary>tests/reference/05_logistic_breast_cancer.json: sklearn-form L2 (C 0.01..10) and L1 (C 0.05, 0.5) on standardized breast cancer.</summary>
public class BreastCancerReferenceTests
{
    internal static readonly Lazy<(Matrix<double> X, Vector<double> Y, JsonElement Root)> Case = new(() =>
    {
        var root = JsonDocument.Parse(File.ReadAllText(RepoPaths.ReferenceFile("05_logistic_breast_cancer.json"))).RootElement;
        var ds = Datasets.BreastCancer();
        var (_, z) = Standardizer.FitTransform(ds.X);
        return (z, ds.Y, root);
    });

    private static double[] Arr(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static IEnumerable<object[]> Fits()
    {
        var fits = Case.Value.Root.GetProperty("outputs").GetProperty("fits");
        for (int i = 0; i < fits.GetArrayLength(); i++) yield return [i];
    }

    [Fact]
    public void StandardizationMatchesTheStoredStatistics()
    {
        var ds = Datasets.BreastCancer();
        var s = Standardizer.Fit(ds.X);
        var inputs = Case.Value.Root.GetProperty("inputs");
        var mean = Arr(inputs.GetProperty("x_mean"));
        var sd = Arr(inputs.GetProperty("x_sd"));
        for (int j = 0; j < mean.Length; j++)
        {
            Assert.Equal(mean[j], s.Mean[j], 1e-12 * Math.Max(1, Math.Abs(mean[j])));
            Assert.Equal(sd[j], s.StdDev[j], 1e-12 * Math.Max(1, sd[j]));
        }
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void ReproducesCoefExactInTheScikitLearnForm(int index)
    {
        var (x, y, root) = Case.Value;
        var fit = root.GetProperty("outputs").GetProperty("fits")[index];
        double c = fit.GetProperty("C").GetDouble();
        var penalty = fit.GetProperty("penalty").GetString() == "l1" ? LogisticPenalty.L1 : LogisticPenalty.L2;
        var exact = Arr(fit.GetProperty("coef_exact"));
        double b = fit.GetProperty("intercept_exact").GetDouble();
        var model = new LogisticRegression(c, penalty, tol: 1e-11).Fit(x, y);
        Assert.True(model.Converged, model.ToString());
        double tol = 1e-6 * Math.Max(1, exact.Max(Math.Abs));
        var coef = model.Coef.Row(0);
        for (int j = 0; j < exact.Length; j++)
            Assert.True(Math.Abs(coef[j] - exact[j]) <= tol, $"C={c} {penalty} coef[{j}] = {coef[j]:R}, exact {exact[j]:R}, tol {tol}");
        Assert.True(Math.Abs(model.Intercept[0] - b) <= tol, $"intercept {model.Intercept[0]:R}, exact {b:R}");
        Assert.Equal(fit.GetProperty("n_zero_coef").GetInt32(), coef.Count(v => v == 0));
        // The sklearn-form objective at our solution equals the stored exact objective (C*n times the mean form).
        double objExact = fit.GetProperty("objective_value_exact").GetDouble();
        Assert.Equal(objExact, model.Objective * c * x.RowCount, 1e-9 * objExact);
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void GlmnetLambdaFormGivesTheSameFit(int index)
    {
        var (x, y, root) = Case.Value;
        var fit = root.GetProperty("outputs").GetProperty("fits")[index];
        double c = fit.GetProperty("C").GetDouble();
        var penalty = fit.GetProperty("penalty").GetString() == "l1" ? LogisticPenalty.L1 : LogisticPenalty.L2;
        double lambda = LogisticRegression.LambdaFromC(c, x.RowCount);
        Assert.Equal(1.0 / (c * 569), lambda, 1e-18);
        var exact = Arr(fit.GetProperty("coef_exact"));
        var solver = index % 2 == 0 ? LogisticSolver.ProximalNewton : LogisticSolver.Auto;
        var model = LogisticRegression.FromLambda(lambda, penalty, tol: 1e-11, solver: solver).Fit(x, y);
        Assert.True(model.Converged, model.ToString());
        Assert.Equal(c, model.C, 1e-12 * c);
        double tol = 1e-6 * Math.Max(1, exact.Max(Math.Abs));
        for (int j = 0; j < exact.Length; j++) Assert.True(Math.Abs(model.Coef[0, j] - exact[j]) <= tol);
        var glmnet = Arr(fit.GetProperty("glmnet_coef"));
        for (int j = 0; j < exact.Length; j++) Assert.True(Math.Abs(model.Coef[0, j] - glmnet[j]) <= tol);
    }

    [Fact]
    public void L2SolversAgreeAndTheGradientVanishes()
    {
        var (x, y, _) = Case.Value;
        var newton = new LogisticRegression(1.0, solver: LogisticSolver.Newton, tol: 1e-12).Fit(x, y);
        var lbfgs = new LogisticRegression(1.0, solver: LogisticSolver.Lbfgs, tol: 1e-8).Fit(x, y);
        var prox = new LogisticRegression(1.0, solver: LogisticSolver.ProximalNewton, tol: 1e-12).Fit(x, y);
        Assert.True(newton.Converged, newton.ToString());
        Assert.True(lbfgs.Converged, lbfgs.ToString());
        Assert.True(prox.Converged, prox.ToString());
        Assert.True(newton.Iterations < 15, $"Newton took {newton.Iterations} iterations");
        Assert.True((newton.Coef - lbfgs.Coef).Enumerate().Max(Math.Abs) < 1e-4);
        Assert.True((newton.Coef - prox.Coef).Enumerate().Max(Math.Abs) < 1e-9);
        // Independent gradient check of the mean-form objective at the Newton solution.
        var g = LogisticTestHelpers.MeanFormGradient(x, y, newton.Coef.Row(0), newton.Intercept[0], newton.Lambda);
        Assert.True(g.Max(Math.Abs) < 1e-11, $"max |grad| = {g.Max(Math.Abs)}");
    }
}
