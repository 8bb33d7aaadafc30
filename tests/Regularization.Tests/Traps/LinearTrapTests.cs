using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;
using Regularization.Tests.Linear;

namespace Regularization.Tests.Traps;

/// <summary>One test per trap or silent failure of issue 13 in the linear and group estimators, the Standardizer and the data.</summary>
public class LinearTrapTests
{
    private static (Matrix<double> X, Vector<double> Y) Diabetes() => LinearTestData.DiabetesStandardized();

    private static void MessageNames(ArgumentException ex, params string[] parts)
    {
        foreach (var p in parts) Assert.Contains(p, ex.Message);
    }

    [Fact]
    public void LassoPathHasNoL1RatioToFallInto()
    {
        // Lasso no longer inherits ElasticNet's static Path(x, y, double l1Ratio, ...): no public static member of Lasso takes l1Ratio,
        // so Lasso.Path(x, y, 1e-3) does not compile (CompileTrapTests proves the diagnostic) instead of returning an elastic-net path.
        var statics = typeof(Lasso).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.FlattenHierarchy);
        Assert.Contains(statics, m => m.Name == "Path");
        Assert.DoesNotContain(statics, m => m.GetParameters().Any(p => p.Name == "l1Ratio"));
        Assert.False(typeof(ElasticNet).IsAssignableFrom(typeof(Lasso)));
        var (x, y) = Diabetes();
        var path = Lasso.Path(x, y, nAlphas: 5);
        Assert.Equal(1.0, path.L1Ratio);
        Assert.Equal(ElasticNet.AlphaMax(x, y, 1.0), Lasso.AlphaMax(x, y), 15);
    }

    [Fact]
    public void UndefinedCdAlgorithmIsRejectedEverywhere()
    {
        var (x, y) = Diabetes();
        var bad = (CdAlgorithm)99;
        MessageNames(Assert.Throws<ArgumentOutOfRangeException>(() => new Lasso(0.1) { Algorithm = bad }.Fit(x, y)), "Algorithm = 99", "Auto, Covariance, Naive");
        MessageNames(Assert.Throws<ArgumentOutOfRangeException>(() => Lasso.Path(x, y, algorithm: bad)), "algorithm = 99");
        MessageNames(Assert.Throws<ArgumentOutOfRangeException>(() => GroupLasso.Path(x, y, [[0, 1], [2, 3]], algorithm: bad)), "algorithm = 99");
        MessageNames(Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticNetCV { Algorithm = bad }.Fit(x, y)), "Algorithm = 99");
        MessageNames(Assert.Throws<ArgumentOutOfRangeException>(() => new GroupLassoCV([[0, 1]]) { Algorithm = bad }.Fit(x, y)), "Algorithm = 99");
        MessageNames(Assert.Throws<ArgumentOutOfRangeException>(() => new LassoCV { Selection = (CvSelection)7 }.Fit(x, y)), "Selection = 7");
        MessageNames(Assert.Throws<ArgumentOutOfRangeException>(() => new Ridge(1) { Solver = (RidgeSolver)7 }.Fit(x, y)), "Solver = 7");
        MessageNames(Assert.Throws<ArgumentOutOfRangeException>(() => new RidgeCV { Mode = (RidgeCVMode)7 }.Fit(x, y)), "Mode = 7");
    }

    [Theory]
    [InlineData(-1.0, 1000)]
    [InlineData(1e-4, 0)]
    public void GroupLassoCVRejectsTolAndMaxIterBeforeAnyWork(double tol, int maxIter)
    {
        // Tol = -1 used to run for minutes (no fit can meet a negative gap); MaxIter = 0 was rejected only after the whole CV.
        // x holds a NaN: the option error must come first, so the options are checked before the data are touched.
        var (x0, y) = Diabetes();
        var x = x0.Clone();
        x[0, 0] = double.NaN;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GroupLassoCV([[0, 1, 2], [3, 4]]) { Tol = tol, MaxIter = maxIter }.Fit(x, y));
        Assert.Equal(tol < 0 ? "Tol" : "MaxIter", ex.ParamName);
        Assert.True(sw.Elapsed.TotalSeconds < 5);
    }

    [Fact]
    public void StandardizerHandlesHugeColumnsAndFlagsOverflow()
    {
        var x = Datasets.Diabetes().X;
        var (s, z) = Standardizer.FitTransform(x * 1e200);
        var (s1, z1) = Standardizer.FitTransform(x);
        for (int j = 0; j < x.ColumnCount; j++)
        {
            Assert.True(double.IsFinite(s.StdDev[j]) && s.StdDev[j] > 0);
            Assert.Equal(1.0, s.StdDev[j] / (1e200 * s1.StdDev[j]), 12);
        }
        Assert.True((z - z1).Enumerate().Max(Math.Abs) < 1e-12);
        // values of opposite sign near double.MaxValue: x - mean overflows, and the message says where
        var big = Matrix<double>.Build.DenseOfArray(new double[,] { { 1.7e308 }, { -1.7e308 }, { 1.7e308 } });
        var ex = Assert.Throws<ArgumentException>(() => Standardizer.FitTransform(big));
        MessageNames(ex, "x[", "overflows");
    }

    [Fact]
    public void OverflowingDataAreRejectedByNameInsteadOfFailingInsideTheSolvers()
    {
        var (x, y) = Diabetes();
        var hx = x * 1e200;
        var hy = y * 1e200;
        double limit = Regularization.Validation.Guard.SumsLimit(x.RowCount);
        Assert.InRange(limit, 1e152, 1e153);
        foreach (Action fit in new Action[]
        {
            () => new Ridge(1).Fit(hx, y), () => Ridge.Path(hx, y, [1.0, 2.0]), () => new RidgeCV().Fit(hx, y),
            () => new GroupLasso(0.1, [[0, 1], [2, 3]]).Fit(hx, y), () => new Lasso(0.1).Fit(hx, y), () => Lasso.Path(hx, y, nAlphas: 3),
        })
            MessageNames(Assert.Throws<ArgumentException>(fit), "x[", "is too large", "rescale x");
        MessageNames(Assert.Throws<ArgumentException>(() => new RidgeCV().Fit(x, hy)), "y[", "is too large");
        MessageNames(Assert.Throws<ArgumentException>(() => new Lasso(0.1).Fit(x, hy)), "y[", "is too large");
        // just under the limit still fits, finitely
        var m = new Ridge(1).Fit(x, y * (limit / y.AbsoluteMaximum() / 2));
        Assert.True(m.Coef.Enumerate().All(double.IsFinite));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void EpsOutsideTheOpenUnitIntervalIsRejected(double eps)
    {
        var (x, y) = Diabetes();
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => Lasso.Path(x, y, eps: eps)).ParamName);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => GroupLasso.Path(x, y, [[0, 1]], eps: eps)).ParamName);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LassoCV { Eps = eps }.Fit(x, y));
        Assert.Equal("Eps", ex.ParamName);
        MessageNames(ex, "(0, 1)");
    }

    [Fact]
    public void AllZeroPenaltyFactorsHaveNoAutomaticGrid()
    {
        var (x, y) = Diabetes();
        var zeros = new double[x.ColumnCount];
        MessageNames(Assert.Throws<ArgumentException>(() => Lasso.Path(x, y, penaltyFactor: zeros)), "penaltyFactor is 0 for all 10 features");
        MessageNames(Assert.Throws<ArgumentException>(() => new LassoCV { PenaltyFactor = zeros }.Fit(x, y)), "penaltyFactor is 0");
        MessageNames(Assert.Throws<ArgumentException>(() => GroupLasso.Path(x, y, [[0, 1], [2]], groupWeights: [0.0, 0.0])), "groupWeights is 0");
        // with an explicit grid the unpenalized fit is least squares, which is well defined
        var path = Lasso.Path(x, y, alphas: [0.5, 0.1], penaltyFactor: zeros, tol: 1e-12, maxIter: 100000);
        var ols = new Ridge(0).Fit(x, y);
        Assert.True((path.Coefs.Column(1) - ols.Coef).AbsoluteMaximum() < 1e-6);
    }

    [Fact]
    public void InitialCoefIsChecked()
    {
        var (x, y) = Diabetes();
        var nan = Vector<double>.Build.Dense(x.ColumnCount);
        nan[3] = double.NaN;
        MessageNames(Assert.Throws<ArgumentException>(() => new Lasso(0.1).Fit(x, y, initialCoef: nan)), "initialCoef[3] = NaN");
        var huge = Vector<double>.Build.Dense(x.ColumnCount, 1e300);
        var ex = Assert.Throws<ArgumentException>(() => new ElasticNet(0.1).Fit(x, y, initialCoef: huge));
        Assert.Equal("initialCoef", ex.ParamName);
        MessageNames(ex, "overflows");
        // a sane warm start gives the cold start's answer
        var cold = new Lasso(0.1) { Tol = 1e-12, MaxIter = 100000 }.Fit(x, y);
        var warm = new Lasso(0.1) { Tol = 1e-12, MaxIter = 100000 }.Fit(x, y, initialCoef: Vector<double>.Build.Dense(x.ColumnCount, 1.0));
        Assert.True((cold.Coef - warm.Coef).AbsoluteMaximum() < 1e-8);
    }

    [Fact]
    public void UnpenalizedRidgeOnRankDeficientXNamesTheColumn()
    {
        var (x0, y) = Diabetes();
        // column 10 duplicates column 3 (times 2, plus 1)
        var dup = x0.Append(x0.Column(3).Multiply(2).Add(1).ToColumnMatrix());
        var ex = Assert.Throws<ArgumentException>(() => new Ridge(0).Fit(dup, y));
        MessageNames(ex, "column 10 of x is a copy of column 3", "alpha = 0");
        // a constant column
        var cons = x0.Append(Vector<double>.Build.Dense(x0.RowCount, 4.0).ToColumnMatrix());
        MessageNames(Assert.Throws<ArgumentException>(() => new Ridge(0).Fit(cons, y)), "column 10 of x is constant");
        // a combination of three columns
        var comb = x0.Append((x0.Column(0) + x0.Column(4) - 3 * x0.Column(7)).ToColumnMatrix());
        MessageNames(Assert.Throws<ArgumentException>(() => new Ridge(0).Fit(comb, y)), "column 10 of x is a linear combination");
        // the advice given works: the SVD route returns the minimum-norm least-squares fit (same fitted values as without the copy)
        var mn = new Ridge(0) { Solver = RidgeSolver.Svd }.Fit(dup, y);
        var ols = new Ridge(0).Fit(x0, y);
        Assert.True((mn.Predict(dup) - ols.Predict(x0)).AbsoluteMaximum() < 1e-8 * y.AbsoluteMaximum());
    }
}
