using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

public class BiasVarianceDecompositionTests
{
    [Fact]
    public void SimulationMatchesTheClosedFormOfRidge()
    {
        var rng = new Normal(0, 1, new Random(11));
        int n = 30, m = 20, p = 4;
        var xt = Matrix<double>.Build.Dense(n, p, (_, _) => rng.Sample());
        var xv = Matrix<double>.Build.Dense(m, p, (_, _) => rng.Sample());
        var beta = Vector<double>.Build.DenseOfArray([2.0, -1.0, 0.5, 0.0]);
        var ft = xt * beta + 1.0; var fv = xv * beta + 1.0;
        double sigma = 1.5;
        double[] alphas = [0.1, 100, 5];
        var d = BiasVarianceDecomposition.ForRidge(xt, ft, xv, fv, sigma, alphas, replicates: 4000, seed: 3);
        for (int a = 0; a < alphas.Length; a++)
        {
            // ridge is linear in y: the mean prediction is the fit to f, and prediction i has variance sigma^2 ||A_i||^2,
            // with column j of A the prediction from the unit target e_j
            var mean = new Ridge(alphas[a]).Fit(xt, ft).Predict(xv);
            double bias2 = (mean - fv).PointwiseMultiply(mean - fv).Sum() / m;
            var a2 = Vector<double>.Build.Dense(m);
            for (int j = 0; j < n; j++)
            {
                var e = Vector<double>.Build.Dense(n); e[j] = 1;
                var col = new Ridge(alphas[a]).Fit(xt, e).Predict(xv);
                a2 += col.PointwiseMultiply(col);
            }
            double variance = sigma * sigma * a2.Sum() / m;
            // Monte-Carlo error of a variance estimate with R = 4000 is about sqrt(2/R) ~ 2.2%; bias2 gets variance/R added
            Assert.True(Math.Abs(d.Variance[a] - variance) <= 0.08 * variance, $"alpha {alphas[a]}: variance {d.Variance[a]} vs {variance}");
            Assert.True(Math.Abs(d.Bias2[a] - bias2) <= 0.05 * bias2 + 5 * variance / 4000, $"alpha {alphas[a]}: bias2 {d.Bias2[a]} vs {bias2}");
            Assert.Equal(sigma * sigma + d.Bias2[a] + d.Variance[a], d.ExpectedTestError[a], 12);
        }
        Assert.True(d.Bias2[1] > d.Bias2[0] && d.Variance[1] < d.Variance[0]);
        Assert.Equal(alphas, d.Alphas);
        var again = BiasVarianceDecomposition.ForRidge(xt, ft, xv, fv, sigma, alphas, replicates: 50, seed: 3);
        Assert.Equal(again.Bias2, BiasVarianceDecomposition.ForRidge(xt, ft, xv, fv, sigma, alphas, replicates: 50, seed: 3).Bias2);
        Assert.Throws<ArgumentOutOfRangeException>(() => BiasVarianceDecomposition.ForRidge(xt, ft, xv, fv, 0.0, alphas, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BiasVarianceDecomposition.ForRidge(xt, ft, xv, fv, 1.0, alphas, 1, 0));
    }
}
