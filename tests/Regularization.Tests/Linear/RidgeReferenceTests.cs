using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Linear;

/// <summary>Case 01 (ridge on diabetes) and the closed form.</summary>
public class RidgeReferenceTests
{
    [Theory]
    [InlineData(RidgeSolver.Cholesky)]
    [InlineData(RidgeSolver.Dual)]
    [InlineData(RidgeSolver.Svd)]
    [InlineData(RidgeSolver.Auto)]
    public void MatchesSklearnRidgeOnDiabetes(RidgeSolver solver)
    {
        var fits = Ref("01_ridge_diabetes.json").GetProperty("outputs").GetProperty("fits");
        var (x, y) = DiabetesStandardized();
        foreach (var f in fits.EnumerateArray())
        {
            double alpha = f.GetProperty("alpha").GetDouble();
            var coef = Vec(f.GetProperty("coef"));
            var m = new Ridge(alpha) { Solver = solver }.Fit(x, y);
            for (int j = 0; j < coef.Length; j++) AssertClose(coef[j], m.Coef[j], 1e-9 + 1e-9 * Math.Abs(coef[j]), $"alpha {alpha} coef[{j}]");
            AssertClose(0, m.Intercept, 1e-9, "intercept");
            // raw units: uncentered y and raw x
            var ds = Datasets.Diabetes();
            var raw = new Ridge(alpha) { Solver = solver }.Fit(StandardizeOnly(ds.X), ds.Y);
            AssertClose(Ref("01_ridge_diabetes.json").GetProperty("inputs").GetProperty("y_mean").GetDouble(), raw.Intercept, 1e-9, "raw intercept");
            var orig = Vec(f.GetProperty("coef_original_units"));
            var s = Standardizer.Fit(ds.X);
            var (wRaw, bRaw) = s.ToOriginalUnits(raw.Coef, raw.Intercept);
            for (int j = 0; j < orig.Length; j++) AssertClose(orig[j], wRaw[j], 1e-9 + 1e-9 * Math.Abs(orig[j]), $"orig coef[{j}]");
            double bRef = f.GetProperty("intercept_original_units").GetDouble();
            AssertClose(bRef, bRaw, 1e-9 * Math.Max(1, Math.Abs(bRef)), "orig intercept");
        }
    }

    private static Matrix<double> StandardizeOnly(Matrix<double> x) => Standardizer.FitTransform(x).Z;

    [Fact]
    public void PathEqualsClosedFormAndRidgeFit()
    {
        var fits = Ref("01_ridge_diabetes.json").GetProperty("outputs").GetProperty("fits");
        var (x, y) = DiabetesStandardized();
        var alphas = fits.EnumerateArray().Select(f => f.GetProperty("alpha").GetDouble()).ToArray();
        var path = Ridge.Path(x, y, alphas);
        int k = 0;
        foreach (var f in fits.EnumerateArray())
        {
            var coef = Vec(f.GetProperty("coef"));
            // closed form with MathNet as an independent route
            var closed = (x.TransposeThisAndMultiply(x) + Matrix<double>.Build.DenseIdentity(10) * alphas[k]).Solve(x.TransposeThisAndMultiply(y));
            for (int j = 0; j < 10; j++)
            {
                AssertClose(coef[j], path.Coefs[j, k], 1e-9 + 1e-9 * Math.Abs(coef[j]), $"path coef[{k}][{j}]");
                AssertClose(closed[j], path.Coefs[j, k], 1e-9 + 1e-9 * Math.Abs(closed[j]), $"closed coef[{k}][{j}]");
            }
            k++;
        }
    }

    [Fact]
    public void WideProblemDualEqualsPrimalAndSampleWeightsEqualRowDuplication()
    {
        var rng = new Random(11);
        int n = 30, p = 60;
        var x = Matrix<double>.Build.Dense(n, p, (_, _) => rng.NextDouble() * 2 - 1);
        var y = Vector<double>.Build.Dense(n, _ => rng.NextDouble() * 4);
        var dual = new Ridge(0.7) { Solver = RidgeSolver.Dual }.Fit(x, y);
        var primal = new Ridge(0.7) { Solver = RidgeSolver.Cholesky }.Fit(x, y);
        var svd = new Ridge(0.7) { Solver = RidgeSolver.Svd }.Fit(x, y);
        Assert.Equal(RidgeSolver.Dual, new Ridge(0.7).Fit(x, y).Solver);
        for (int j = 0; j < p; j++)
        {
            AssertClose(primal.Coef[j], dual.Coef[j], 1e-10, $"dual coef[{j}]");
            AssertClose(primal.Coef[j], svd.Coef[j], 1e-10, $"svd coef[{j}]");
        }
        AssertClose(primal.Intercept, dual.Intercept, 1e-10, "intercept");
        // integer weights = duplicated rows (scikit-learn's Ridge uses weights as given)
        var wts = Vector<double>.Build.Dense(n, i => 1 + i % 3);
        var weighted = new Ridge(0.7).Fit(x, y, wts);
        var rows = Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat(i, 1 + i % 3)).ToArray();
        var dup = new Ridge(0.7).Fit(MatrixOps.SelectRows(x, rows), MatrixOps.SelectRows(y, rows));
        for (int j = 0; j < p; j++) AssertClose(dup.Coef[j], weighted.Coef[j], 1e-9, $"weighted coef[{j}]");
        AssertClose(dup.Intercept, weighted.Intercept, 1e-9, "weighted intercept");
    }
}
