using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;

namespace Regularization.Tests.Logistic;

public class LogisticPathTests
{
    private static (Matrix<double> X, Vector<double> Y) Bc => (BreastCancerReferenceTests.Case.Value.X, BreastCancerReferenceTests.Case.Value.Y);

    [Fact]
    public void L1PathSatisfiesKktAtEveryPointAndStartsEmpty()
    {
        var (x, y) = Bc;
        const double tol = 1e-8;
        var path = new LogisticRegression(penalty: LogisticPenalty.L1, tol: tol).Path(x, y, nLambdas: 60);
        Assert.Equal(60, path.Lambdas.Length);
        Assert.True(path.Converged, string.Join(",", path.NotConverged));
        Assert.Equal(0, path.NonZeroCounts[0]);
        Assert.True(path.NonZeroCounts[^1] > 15);
        // glmnet's grid: lambda_max = max |x_j'(y - ybar)| / n, ratio 1e-4 over 60 points.
        double ybar = y.Average();
        double lmax = Enumerable.Range(0, x.ColumnCount).Max(j => Math.Abs(x.Column(j).DotProduct(y - ybar))) / x.RowCount;
        Assert.Equal(lmax, path.LambdaMax, 1e-14);
        Assert.Equal(lmax * 1e-4, path.Lambdas[^1], 1e-16);
        for (int l = 0; l < path.Lambdas.Length; l++)
        {
            var m = path.Models[l];
            double v = Kkt.Binary(x, y, m.Coef.Row(0), m.Intercept[0], path.Lambdas[l], 1.0);
            Assert.True(v <= 1.0001 * tol, $"lambda[{l}] = {path.Lambdas[l]}: independent KKT residual {v}");
            Assert.True(m.KktViolation <= tol);
        }
        // Just below lambda_max exactly one feature is active; at lambda_max none.
        var justBelow = LogisticRegression.FromLambda(lmax * 0.999, LogisticPenalty.L1, tol: 1e-10).Fit(x, y);
        Assert.Equal(1, justBelow.NonZeroCount);
        var atMax = LogisticRegression.FromLambda(lmax * 1.0000001, LogisticPenalty.L1, tol: 1e-10).Fit(x, y);
        Assert.Equal(0, atMax.NonZeroCount);
        Assert.Equal(Math.Log(ybar / (1 - ybar)), atMax.Intercept[0], 1e-9);
    }

    [Fact]
    public void ScreenedWarmStartedPathEqualsColdFits()
    {
        var (x, y) = Bc;
        var est = new LogisticRegression(penalty: LogisticPenalty.ElasticNet, l1Ratio: 0.3, tol: 1e-10);
        var path = est.Path(x, y, nLambdas: 30, lambdaMinRatio: 1e-3);
        Assert.True(path.Converged);
        foreach (int l in new[] { 3, 12, 29 })
        {
            var cold = LogisticRegression.FromLambda(path.Lambdas[l], LogisticPenalty.ElasticNet, 0.3, tol: 1e-10).Fit(x, y);
            var diff = (cold.Coef - path.Models[l].Coef).Enumerate().Max(Math.Abs);
            Assert.True(diff < 1e-7, $"lambda[{l}]: warm vs cold differ by {diff}");
            Assert.True(Kkt.Binary(x, y, path.Models[l].Coef.Row(0), path.Models[l].Intercept[0], path.Lambdas[l], 0.3) <= 1e-10 * 1.0001);
        }
        // C and lambda agree on every point: C = 1/(lambda n).
        for (int l = 0; l < path.Lambdas.Length; l++) Assert.Equal(1 / (path.Lambdas[l] * 569), path.Cs[l], 1e-9 * path.Cs[l]);
    }

    [Fact]
    public void SparsityGrowsWithCOnBreastCancer()
    {
        var (x, y) = Bc;
        var cs = new[] { 0.01, 0.05, 0.5, 5.0 };
        var nnz = cs.Select(c => new LogisticRegression(c, LogisticPenalty.L1, tol: 1e-8).Fit(x, y).NonZeroCount).ToArray();
        Assert.Equal(5, nnz[1]);   // case 05: 25 zeros at C = 0.05
        Assert.Equal(13, nnz[2]);  // case 05: 17 zeros at C = 0.5
        Assert.True(nnz[0] <= nnz[1] && nnz[2] <= nnz[3], string.Join(",", nnz));
    }

    [Fact]
    public void UserGridAndMultinomialPath()
    {
        var wine = Regularization.Data.Datasets.Wine();
        var (_, z) = Regularization.Data.Standardizer.FitTransform(wine.X);
        var est = new LogisticRegression(penalty: LogisticPenalty.L1, tol: 1e-8);
        var path = est.Path(z, wine.Y, nLambdas: 20, lambdaMinRatio: 1e-2);
        Assert.True(path.Converged);
        Assert.Throws<InvalidOperationException>(() => path.Coefs);
        Assert.Equal(0, path.NonZeroCounts[0]);
        var label = wine.Y.Select(v => (int)v).ToArray();
        for (int l = 0; l < path.Lambdas.Length; l += 4)
        {
            var m = path.Models[l];
            Assert.True(Kkt.Multinomial(z, label, m.Coef, m.Intercept, path.Lambdas[l], 1.0) <= 1.0001e-8);
        }
        var user = est.Path(z, wine.Y, lambdas: [0.01, 0.1]);
        Assert.Equal(new[] { 0.1, 0.01 }, user.Lambdas);
    }
}
