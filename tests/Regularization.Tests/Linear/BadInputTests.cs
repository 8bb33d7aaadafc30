using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;

namespace Regularization.Tests.Linear;

public class BadInputTests
{
    private static readonly Matrix<double> X = Matrix<double>.Build.Dense(5, 2, (i, j) => i + 2 * j * j);
    private static readonly Vector<double> Y = Vector<double>.Build.Dense(5, i => i * i);

    [Fact]
    public void ShapeMismatchNamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Lasso(0.1).Fit(X, Vector<double>.Build.Dense(4)));
        Assert.Contains("y has length 4", ex.Message);
        Assert.Contains("5", ex.Message);
        Assert.Throws<ArgumentException>(() => new Ridge(1).Fit(X, Vector<double>.Build.Dense(6)));
        Assert.Throws<ArgumentException>(() => new Lasso(0.1) { PenaltyFactor = [1.0] }.Fit(X, Y));
        Assert.Throws<ArgumentException>(() => new Lasso(0.1).Fit(X, Y, Vector<double>.Build.Dense(3, 1)));
        var m = new Ridge(1).Fit(X, Y);
        Assert.Throws<ArgumentException>(() => m.Predict(Matrix<double>.Build.Dense(2, 3)));
        Assert.Throws<ArgumentException>(() => new LassoCV { FoldIds = [0, 1, 0] }.Fit(X, Y));
    }

    [Fact]
    public void NaNAndInfinityAreRejectedWithTheirPosition()
    {
        var x = X.Clone(); x[3, 1] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => new ElasticNet(0.1).Fit(x, Y));
        Assert.Contains("x[3, 1] = NaN", ex.Message);
        var y = Y.Clone(); y[2] = double.PositiveInfinity;
        ex = Assert.Throws<ArgumentException>(() => new Ridge(1).Fit(X, y));
        Assert.Contains("y[2]", ex.Message);
        Assert.Throws<ArgumentException>(() => Lasso.Path(x, Y));
        Assert.Throws<ArgumentException>(() => new RidgeCV().Fit(X, y));
    }

    [Fact]
    public void OutOfRangeParametersSayWhatIsAllowed()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso(-0.5));
        Assert.Contains("alpha = -0.5", ex.Message);
        Assert.Contains(">= 0", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticNet(1, 1.2));
        Assert.Contains("l1Ratio = 1.2", ex.Message);
        Assert.Contains("[0, 1]", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticNet(1, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RidgeCV([1.0, 0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElasticNet.Path(X, Y, l1Ratio: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lasso.Path(X, Y, alphas: [1.0, -2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso(0.1) { Tol = -1 }.Fit(X, Y));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso(0.1) { PenaltyFactor = [1.0, -1] }.Fit(X, Y));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticNetCV([0.5, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso(0.1).Fit(X, Y, Vector<double>.Build.Dense(5, -1)));
    }

    [Fact]
    public void EmptyDataIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Lasso(0.1).Fit(Matrix<double>.Build.Dense(0, 3), Vector<double>.Build.Dense(0)));
        Assert.Contains("empty", ex.Message);
        Assert.Throws<ArgumentException>(() => new Ridge(1).Fit(Matrix<double>.Build.Dense(3, 0), Vector<double>.Build.Dense(3)));
        Assert.Throws<ArgumentException>(() => Lasso.Path(X, Y, alphas: []));
        Assert.Throws<ArgumentException>(() => new ElasticNetCV([]));
        Assert.Throws<ArgumentNullException>(() => new Lasso(0.1).Fit(null!, Y));
    }

    [Fact]
    public void ConstantAndZeroColumnsAreHandled()
    {
        var x = Matrix<double>.Build.Dense(6, 3, (i, j) => j == 1 ? 4.0 : i * (j + 1) + (i % 2));
        var y = Vector<double>.Build.Dense(6, i => 2 * i + 1);
        var m = new Lasso(0.01) { Tol = 1e-10 }.Fit(x, y);
        Assert.Equal(0.0, m.Coef[1]);
        Assert.True(m.Converged);
        var path = Lasso.Path(Matrix<double>.Build.Dense(6, 2), y, nAlphas: 3);
        Assert.All(path.NonZeroCounts, c => Assert.Equal(0, c));
    }
}

public class InputIntegrityTests
{
    [Fact]
    public void FittingNeverModifiesTheCallersData()
    {
        var (x, y) = LinearPropertyTests.Problem(21, 40, 6);
        var x0 = x.Clone();
        var y0 = y.Clone();
        new Lasso(0.1) { FitIntercept = false }.Fit(x, y);
        new Ridge(1) { FitIntercept = false }.Fit(x, y);
        Lasso.Path(x, y, nAlphas: 5, fitIntercept: false);
        new ElasticNet(0.1, 0.5).Fit(x, y, Vector<double>.Build.Dense(40, 2.0));
        new LassoCV { NAlphas = 5, Cv = 3 }.Fit(x, y);
        new GroupLasso(0.1, [[0, 1], [2]]) { FitIntercept = false }.Fit(x, y);
        Assert.Equal(x0, x);
        Assert.Equal(y0, y);
    }
}
