using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;

namespace Regularization.Tests.CrossValidation;

public class CvCurveTests
{
    [Fact]
    public void SelectionsMatchAHandComputation()
    {
        // grid descending (strongest first); 3 folds
        double[] grid = [10, 5, 2, 1, 0.5];
        var s = Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { 9, 10, 11 },   // mean 10
            { 5, 6, 7 },     // mean 6, sd 1, se 1/sqrt(3) = 0.577
            { 4.5, 5, 5.5 }, // mean 5
            { 4, 4.2, 4.4 }, // mean 4.2 (min), sd 0.2, se 0.11547
            { 4.2, 4.3, 4.4 },
        });
        var c = new CvCurve(grid, s);
        Assert.Equal(3, c.IndexMin);
        Assert.Equal(1.0, c.AtMin);
        Assert.Equal(4.2, c.Mean[3], 12);
        Assert.Equal(0.2 / Math.Sqrt(3), c.StdError[3], 12);
        // bound 4.2 + 0.11547 = 4.31547: index 4 (4.3) qualifies but is weaker; index 2 (5) does not -> 1se = index 3
        Assert.Equal(3, c.Index1Se);
        // with a wider spread the 1se rule moves to a stronger penalty
        s[3, 0] = 2.6; s[3, 2] = 5.8; // mean 4.2, sd 1.6, se 0.924 -> bound 5.124 >= mean[2] = 5
        var c2 = new CvCurve(grid, s);
        Assert.Equal(3, c2.IndexMin);
        Assert.Equal(2, c2.Index1Se);
        Assert.Equal(2.0, c2.At1Se);
        // for C (larger = weaker) the rule goes the other way
        var c3 = new CvCurve([0.1, 0.2, 0.5, 1, 2], s, strongerIsLarger: false);
        Assert.Equal(2, c3.Index1Se);
    }

    [Fact]
    public void GridsMatchNumpyLogspace()
    {
        var g = Grids.Geometric(45.160030020462905, 1e-3, 50);
        var reference = Regularization.Tests.Linear.LinearTestData.Vec(Regularization.Tests.Linear.LinearTestData.Ref("02_lasso_enet_path_diabetes.json")
            .GetProperty("outputs").GetProperty("paths")[0].GetProperty("alphas"));
        for (int k = 0; k < 50; k++) Assert.True(Math.Abs(g[k] - reference[k]) <= 1e-12 * reference[k], $"alpha[{k}]");
        Assert.Equal([3.0, 2, 1], Grids.UserGrid([1.0, 3, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Grids.UserGrid([1.0, -1]));
        Assert.Throws<ArgumentException>(() => Grids.UserGrid([]));
    }
}
