using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;

namespace Regularization.Tests.Logistic;

public class SeparableAndBadInputTests
{
    private static (Matrix<double> X, Vector<double> Y) Separable()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { -3, 1 }, { -2, 0 }, { -1, 2 }, { -0.5, -1 }, { 0.5, 1 }, { 1, -2 }, { 2, 0 }, { 3, 1 } });
        var y = Vector<double>.Build.DenseOfArray([0, 0, 0, 0, 1, 1, 1, 1]);
        return (x, y);
    }

    [Theory]
    [InlineData(LogisticSolver.Newton)]
    [InlineData(LogisticSolver.Lbfgs)]
    [InlineData(LogisticSolver.ProximalNewton)]
    public void L2OnSeparableDataIsFiniteAndConverged(LogisticSolver solver)
    {
        var (x, y) = Separable();
        var m = new LogisticRegression(10, solver: solver, tol: 1e-10).Fit(x, y);
        Assert.True(m.Converged, m.ToString());
        Assert.True(m.Coef.Enumerate().All(double.IsFinite));
        Assert.True(Kkt.Binary(x, y, m.Coef.Row(0), m.Intercept[0], m.Lambda, 0) <= 1.0001e-10);
        Assert.Equal(1.0, m.Score(x, y));
    }

    [Theory]
    [InlineData(LogisticSolver.Newton)]
    [InlineData(LogisticSolver.Lbfgs)]
    [InlineData(LogisticSolver.ProximalNewton)]
    public void UnpenalizedOnSeparableDataReportsSeparable(LogisticSolver solver)
    {
        var (x, y) = Separable();
        var m = new LogisticRegression(penalty: LogisticPenalty.None, solver: solver, tol: 1e-10, maxIter: 10_000).Fit(x, y);
        Assert.False(m.Converged);
        Assert.Equal(LogisticStopReason.Separable, m.StopReason);
        Assert.True(m.Iterations < 100, m.ToString());
        Assert.True(m.Coef.Enumerate().All(double.IsFinite));
    }

    [Fact]
    public void UnpenalizedMultinomialOnSeparableDataReportsSeparable()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { -2 }, { -1.5 }, { 0 }, { 0.2 }, { 2 }, { 2.5 } });
        var y = Vector<double>.Build.DenseOfArray([0, 0, 1, 1, 2, 2]);
        var m = new LogisticRegression(penalty: LogisticPenalty.None, tol: 1e-10, maxIter: 10_000).Fit(x, y);
        Assert.Equal(LogisticStopReason.Separable, m.StopReason);
        Assert.False(m.Converged);
    }

    [Fact]
    public void UnpenalizedOnOverlappingDataConvergesToTheMle()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(300, 4, seed: 4, signal: 0.5);
        var m = new LogisticRegression(penalty: LogisticPenalty.None, tol: 1e-12).Fit(x, y);
        Assert.True(m.Converged, m.ToString());
        Assert.True(LogisticTestHelpers.LossGradient(x, y, m.Coef.Row(0), m.Intercept[0]).Max(Math.Abs) < 1e-12);
    }

    private static void ThrowsNaming<T>(Action act, params string[] fragments) where T : Exception
    {
        var e = Assert.ThrowsAny<T>(act);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
    }

    [Fact]
    public void BadInputThrowsNamingTheParameterAndValue()
    {
        var (x, y) = LogisticTestHelpers.Synthetic(20, 3, seed: 1);
        var est = new LogisticRegression();
        ThrowsNaming<ArgumentException>(() => est.Fit(x, y.Map(v => v + 0.5)), "y[0] = " + (y[0] + 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture), "whole numbers");
        ThrowsNaming<ArgumentException>(() => est.Fit(x, Vector<double>.Build.Dense(20, 1.0)), "single class", "y");
        ThrowsNaming<ArgumentException>(() => new LogisticRegression(multiClass: MultiClass.Binary).Fit(x, Vector<double>.Build.Dense(20, i => i % 3)), "3 classes", "Binary");
        var xNaN = x.Clone(); xNaN[4, 2] = double.NaN;
        ThrowsNaming<ArgumentException>(() => est.Fit(xNaN, y), "x[4, 2]", "NaN");
        var yInf = y.Clone(); yInf[3] = double.PositiveInfinity;
        ThrowsNaming<ArgumentException>(() => est.Fit(x, yInf), "y[3]", "Infinity");
        ThrowsNaming<ArgumentOutOfRangeException>(() => new LogisticRegression(c: -1), "C = -1", "> 0");
        ThrowsNaming<ArgumentOutOfRangeException>(() => new LogisticRegression(c: 0), "C = 0");
        ThrowsNaming<ArgumentOutOfRangeException>(() => LogisticRegression.FromLambda(-0.1), "lambda = -0.1");
        ThrowsNaming<ArgumentOutOfRangeException>(() => new LogisticRegression(l1Ratio: 1.5), "l1Ratio = 1.5");
        ThrowsNaming<ArgumentOutOfRangeException>(() => new LogisticRegression(tol: 0), "tol = 0");
        ThrowsNaming<ArgumentException>(() => est.Fit(x, Vector<double>.Build.Dense(19, i => i % 2)), "y has length 19", "20");
        ThrowsNaming<ArgumentException>(() => est.Fit(x, y, Vector<double>.Build.Dense(5, 1.0)), "sampleWeight has length 5");
        ThrowsNaming<ArgumentOutOfRangeException>(() => est.Fit(x, y, Vector<double>.Build.Dense(20, i => i == 2 ? -1 : 1)), "sampleWeight[2] = -1");
        ThrowsNaming<ArgumentException>(() => new LogisticRegression(penaltyFactor: [1, 1]).Fit(x, y), "penaltyFactor has length 2", "3");
        ThrowsNaming<ArgumentOutOfRangeException>(() => new LogisticRegression(penaltyFactor: [1, -2, 1]), "penaltyFactor[1] = -2");
        ThrowsNaming<ArgumentException>(() => new LogisticRegression(penalty: LogisticPenalty.L1, solver: LogisticSolver.Newton), "solver = Newton", "L1");
        var model = est.Fit(x, y);
        ThrowsNaming<ArgumentException>(() => model.Predict(Matrix<double>.Build.Dense(2, 4)), "4 columns", "3 features");
        ThrowsNaming<ArgumentException>(() => new LogisticRegressionCV(measure: LogisticCvMeasure.Auc).Fit(x, Vector<double>.Build.Dense(20, i => i % 3)), "Auc");
        ThrowsNaming<ArgumentException>(() => new LogisticRegressionCV(penalty: LogisticPenalty.None), "penalty = None");
        ThrowsNaming<ArgumentException>(() => est.Fit(x, y, Vector<double>.Build.Dense(20, i => y[i] == 0 ? 0 : 1)), "total weight 0");
    }
}
