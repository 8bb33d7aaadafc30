using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Linear;

namespace Regularization.Tests.Linear;

/// <summary>The estimators recycle the buffer of their private centered copy of X between fits of one shape.</summary>
public class DesignReuseTests
{
    private static (Matrix<double> X, Vector<double> Y) Problem(int seed)
    {
        var rng = new Random(seed);
        var x = Matrix<double>.Build.Dense(300, 120, (_, _) => rng.NextDouble() * 2 - 1 + seed);   // uncentered columns
        var y = Vector<double>.Build.Dense(300, i => x[i, 0] - 2 * x[i, 5] + rng.NextDouble());
        return (x, y);
    }

    // ridge by the textbook: center, then solve (Xc^T Xc + alpha I) w = Xc^T yc with MathNet's own Cholesky
    private static Vector<double> ClosedForm(Matrix<double> x, Vector<double> y, double alpha)
    {
        var means = x.ColumnSums() / x.RowCount;
        var xc = x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => means[j]);
        var yc = y - y.Average();
        return (xc.TransposeThisAndMultiply(xc) + alpha * Matrix<double>.Build.DenseIdentity(x.ColumnCount)).Cholesky().Solve(xc.TransposeThisAndMultiply(yc));
    }

    [Fact]
    public void FitsOfOneShapeInTurnAreEachExact()
    {
        var (x1, y1) = Problem(1);
        var (x2, y2) = Problem(2);
        for (int round = 0; round < 3; round++)
        {
            // the path in between releases its copy too, so the next ridge fit reuses a buffer last filled with other data
            var a = new Ridge(0.5).Fit(x1, y1);
            ElasticNet.Path(x2, y2, l1Ratio: 1.0, nAlphas: 5);
            var b = new Ridge(0.5).Fit(x2, y2);
            Assert.True((a.Coef - ClosedForm(x1, y1, 0.5)).AbsoluteMaximum() < 1e-9);
            Assert.True((b.Coef - ClosedForm(x2, y2, 0.5)).AbsoluteMaximum() < 1e-9);
        }
    }

    [Fact]
    public void ADesignThatUserCodeHoldsIsNeverRecycled()
    {
        var (x1, y1) = Problem(3);
        var mine = CenteredDesign.Create(x1, y1, null, fitIntercept: true);
        var snapshot = (double[])mine.X.Clone();
        var (x2, y2) = Problem(4);
        for (int k = 0; k < 3; k++) { new Ridge(1.0).Fit(x2, y2); new ElasticNet(0.01, 0.5).Fit(x2, y2); }
        Assert.Equal(snapshot, mine.X);
    }

    [Fact]
    public void ParallelFitsDoNotShareABuffer()
    {
        var problems = Enumerable.Range(10, 8).Select(Problem).ToArray();
        var expected = problems.Select(p => ClosedForm(p.X, p.Y, 0.3)).ToArray();
        for (int round = 0; round < 3; round++)
            Parallel.For(0, problems.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                var w = new Ridge(0.3).Fit(problems[i].X, problems[i].Y).Coef;
                Assert.True((w - expected[i]).AbsoluteMaximum() < 1e-9, $"problem {i}");
            });
    }
}
