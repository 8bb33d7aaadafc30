using Regularization.Data;
using static Regularization.Tests.Linear.LinearTestData;

namespace Regularization.Tests.Data;

public class FoundationReferenceTests
{
    [Fact]
    public void StandardizerMatchesReferenceStatistics()
    {
        var ds = Datasets.Diabetes();
        var s = Standardizer.Fit(ds.X);
        var inp = Ref("01_ridge_diabetes.json").GetProperty("inputs");
        var mean = Vec(inp.GetProperty("x_mean"));
        var sd = Vec(inp.GetProperty("x_sd"));
        for (int j = 0; j < 10; j++)
        {
            AssertClose(mean[j], s.Mean[j], 1e-12 * Math.Abs(mean[j]), $"mean[{j}]");
            AssertClose(sd[j], s.StdDev[j], 1e-12 * sd[j], $"sd[{j}]");
        }
        AssertClose(inp.GetProperty("y_mean").GetDouble(), ds.Y.Average(), 1e-12, "y mean");
        var p = Datasets.Prostate();
        var sp = Standardizer.Fit(p.X, ddof: 1);
        var pin = Ref("04_esl_table33_prostate.json").GetProperty("inputs");
        var pm = Vec(pin.GetProperty("x_mean_all97"));
        var psd = Vec(pin.GetProperty("x_sd_all97_ddof1"));
        for (int j = 0; j < 8; j++)
        {
            AssertClose(pm[j], sp.Mean[j], 1e-12 * Math.Max(1, Math.Abs(pm[j])), $"prostate mean[{j}]");
            AssertClose(psd[j], sp.StdDev[j], 1e-12 * psd[j], $"prostate sd[{j}]");
        }
        var z = s.Transform(ds.X);
        for (int j = 0; j < 10; j++)
        {
            var c = z.Column(j);
            AssertClose(0, c.Average(), 1e-12, $"z mean[{j}]");
            AssertClose(1, Math.Sqrt(c.DotProduct(c) / c.Count), 1e-12, $"z sd[{j}]");
        }
    }

    [Fact]
    public void KFoldContiguousMatchesCase03()
    {
        var f = Ref("03_lassocv_diabetes.json").GetProperty("folds");
        var expected = Ints(f.GetProperty("fold_of_row"));
        Assert.Equal(expected, Splits.KFoldContiguous(442, 5));
        var sizes = Ints(f.GetProperty("fold_sizes"));
        for (int k = 0; k < 5; k++) Assert.Equal(sizes[k], Splits.Fold(expected, k).Test.Length);
        Assert.Equal(5, Splits.ValidateFoldIds(expected, 442));
    }

    [Fact]
    public void SeededSplitsAreReproducibleAndBalanced()
    {
        var a = Splits.KFold(103, 4, 7);
        Assert.Equal(a, Splits.KFold(103, 4, 7));
        Assert.NotEqual(a, Splits.KFold(103, 4, 8));
        var counts = a.GroupBy(v => v).Select(g => g.Count()).OrderBy(c => c).ToArray();
        Assert.Equal([25, 26, 26, 26], counts);
        var (train, test) = Splits.TrainTest(50, 0.2, 1);
        Assert.Equal(10, test.Length);
        Assert.Empty(train.Intersect(test));
        Assert.Throws<ArgumentException>(() => Splits.ValidateFoldIds([0, 0, 2, 2], 4));
        Assert.Throws<ArgumentException>(() => Splits.ValidateFoldIds([0, 1, 1], 4));
    }

    [Fact]
    public void CenteredDesignWeightsAndMeans()
    {
        var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 5 }, { 5, 11 } });
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray([1.0, 2, 6]);
        var w = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray([1.0, 1, 2]);
        var d = CenteredDesign.Create(x, y, w, true);
        AssertClose((1 + 3 + 10) / 4.0, d.XMean[0], 1e-15, "weighted mean x0");
        AssertClose((1 + 2 + 12) / 4.0, d.YMean, 1e-15, "weighted mean y");
        // weights normalized to sum 3: 0.75, 0.75, 1.5 -> row 2 scaled by sqrt(1.5)
        AssertClose((5 - 3.5) * Math.Sqrt(1.5), d.X[2], 1e-14, "scaled centered x[2,0]");
        var sub = CenteredDesign.Create(x, y, null, false, [2, 0]);
        Assert.Equal([5.0, 1, 11, 2], sub.X);
        Assert.Equal(0, sub.InterceptFor([1, 1]));
    }
}
