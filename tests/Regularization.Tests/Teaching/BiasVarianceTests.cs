using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;
using Regularization.Teaching;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Teaching;

public class BiasVarianceTests
{
    private static (Matrix<double>, Vector<double>, Matrix<double>, Vector<double>) Split()
    {
        var (x, y) = DiabetesStandardized();
        var (tr, va) = Splits.TrainTest(x.RowCount, 0.5, seed: 3);
        return (MatrixOps.SelectRows(x, tr), MatrixOps.SelectRows(y, tr), MatrixOps.SelectRows(x, va), MatrixOps.SelectRows(y, va));
    }

    [Fact]
    public void RidgeErrorsEqualDirectFitsAndTrainingErrorIsMonotone()
    {
        var (xt, yt, xv, yv) = Split();
        double[] alphas = [1e4, 100, 10, 1, 0.01];
        var bv = BiasVariance.ForRidge(xt, yt, xv, yv, alphas);
        for (int k = 0; k < alphas.Length; k++)
        {
            var m = new Ridge(alphas[k]).Fit(xt, yt);
            AssertClose(m.MeanSquaredError(xt, yt), bv.TrainMse[k], 1e-8 * bv.TrainMse[k], $"train[{k}]");
            AssertClose(m.MeanSquaredError(xv, yv), bv.ValidationMse[k], 1e-8 * bv.ValidationMse[k], $"validation[{k}]");
            AssertClose(bv.ValidationMse[k] - bv.TrainMse[k], bv.Gap[k], 1e-9, $"gap[{k}]");
        }
        for (int k = 1; k < alphas.Length; k++) Assert.True(bv.TrainMse[k] <= bv.TrainMse[k - 1] + 1e-9);
        Assert.Equal(bv.ValidationMse.Min(), bv.ValidationMse[bv.IndexBest]);
        Assert.Equal(alphas[bv.IndexBest], bv.BestAlpha);
        Assert.All(bv.NonZeroCounts, c => Assert.Equal(10, c));
    }

    [Fact]
    public void LassoAboveAlphaMaxPredictsTheTrainingMean()
    {
        var (xt, yt, xv, yv) = Split();
        double amax = ElasticNet.AlphaMax(xt, yt, 1.0);
        var bv = BiasVariance.ForLasso(xt, yt, xv, yv, [2 * amax, amax / 10]);
        double m = yt.Average();
        AssertClose(yt.Sum(v => (v - m) * (v - m)) / yt.Count, bv.TrainMse[0], 1e-9 * bv.TrainMse[0], "train at 2 alpha_max");
        AssertClose(yv.Sum(v => (v - m) * (v - m)) / yv.Count, bv.ValidationMse[0], 1e-9 * bv.ValidationMse[0], "validation at 2 alpha_max");
        Assert.Equal(0, bv.NonZeroCounts[0]);
        Assert.True(bv.NonZeroCounts[1] > 0);
        Assert.Equal("lasso", bv.Model);
    }

    [Fact]
    public void NonPositiveAlphaIsRejected()
    {
        var (xt, yt, xv, yv) = Split();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BiasVariance.ForRidge(xt, yt, xv, yv, [1.0, 0.0]));
        Assert.Contains("alphas[1]", e.Message);
    }
}
