using Regularization.Penalties;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

public sealed class Teaching01GeometryTests
{
    private static readonly Quadratic2D Loss = new(1.5, 0.5, 1.0, 2.0, 0.8);

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    public void LpCurveLiesOnTheUnitSphere(double p)
    {
        var c = UnitBalls.Lp(p, 101, radius: 2);
        for (int k = 0; k < c.Count; k++)
            Assert.Equal(1.0, Math.Pow(Math.Abs(c.X[k] / 2), p) + Math.Pow(Math.Abs(c.Y[k] / 2), p), 12);
        Assert.Equal(c.X[0], c.X[^1]);
    }

    [Fact]
    public void LInfinityCurveIsTheSquare()
    {
        var c = UnitBalls.Lp(double.PositiveInfinity, 64);
        for (int k = 0; k < c.Count; k++) Assert.Equal(1.0, Math.Max(Math.Abs(c.X[k]), Math.Abs(c.Y[k])), 12);
    }

    [Fact]
    public void BoundaryOfPenaltiesMatchesClosedForms()
    {
        var l1 = UnitBalls.Boundary(new L1Penalty(1), points: 73);
        var l2 = UnitBalls.Boundary(new L2Penalty(2), points: 73); // value = ||w||², level 1: unit circle
        var en = UnitBalls.Boundary(new ElasticNetPenalty(1, 0.5), points: 73);
        for (int k = 0; k < 73; k++)
        {
            Assert.Equal(1.0, Math.Abs(l1.X[k]) + Math.Abs(l1.Y[k]), 11);
            Assert.Equal(1.0, Math.Sqrt(l2.X[k] * l2.X[k] + l2.Y[k] * l2.Y[k]), 11);
            double a = Math.Abs(en.X[k]) + Math.Abs(en.Y[k]), q = en.X[k] * en.X[k] + en.Y[k] * en.Y[k];
            Assert.Equal(1.0, 0.5 * a + 0.25 * q, 11);
        }
    }

    [Fact]
    public void GroupBallSlicesAreDiscAndDiamond()
    {
        // groups {0,1} and {2}, unit weights: ||(w0,w1)||₂ + |w2| <= 1.
        var pen = new GroupLassoPenalty(1, [[0, 1], [2]], 3, [1.0, 1.0]);
        var inGroup = UnitBalls.Boundary(pen, 3, 0, 1, 65);
        var across = UnitBalls.Boundary(pen, 3, 0, 2, 65);
        for (int k = 0; k < 65; k++)
        {
            Assert.Equal(1.0, Math.Sqrt(inGroup.X[k] * inGroup.X[k] + inGroup.Y[k] * inGroup.Y[k]), 11);
            Assert.Equal(1.0, Math.Abs(across.X[k]) + Math.Abs(across.Y[k]), 11);
        }
    }

    [Fact]
    public void BoundaryRejectsBadArguments()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => UnitBalls.Boundary(new L1Penalty(1), 2, 0, 0));
        Assert.Contains("axisY", e.Message);
        Assert.Throws<ArgumentException>(() => UnitBalls.Boundary(new L1Penalty(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitBalls.Lp(-1));
        Assert.Throws<ArgumentException>(() => new Quadratic2D(1, 2, 1, 0, 0));
    }

    [Fact]
    public void QuadraticGradientMatchesFiniteDifferences()
    {
        var r = FiniteDifference.Check(w => Loss.Value(w), w => Loss.Gradient(w), [0.3, -0.7]);
        Assert.True(r.Passed, r.ToString());
        var z = Loss.Grid([0.0, 1.0, 2.0], [0.8, 0.0]);
        Assert.Equal(0.0, z[0][2], 14);
        Assert.Equal(Loss.Value(1.0, 0.0), z[1][1], 14);
    }

    [Fact]
    public void FromLeastSquaresRecoversOlsAndTheLossUpToAConstant()
    {
        var rng = new Random(7);
        int n = 50;
        var x1 = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var x2 = x1.Select(v => 0.5 * v + rng.NextDouble() - 0.5).ToArray();
        var y = x1.Select((v, i) => 1.5 * v - 2 * x2[i] + 0.1 * (rng.NextDouble() - 0.5)).ToArray();
        var q = Quadratic2D.FromLeastSquares(x1, x2, y);
        double Ls(double a, double b) => Enumerable.Range(0, n).Sum(i => Math.Pow(y[i] - a * x1[i] - b * x2[i], 2)) / (2 * n);
        double min = Ls(q.C1, q.C2);
        Assert.Equal(Ls(0.4, -1.1) - min, q.Value(0.4, -1.1), 12);
        Assert.Equal(Ls(3, 1) - min, q.Value(3, 1), 12);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(1.8)]
    [InlineData(2.5)]
    public void L1BallMinimizerSatisfiesKktAndEqualsTheLasso(double t)
    {
        var s = ConstrainedMinimizer.L1Ball(Loss, t);
        Assert.True(s.Active);
        Assert.Equal(t, Math.Abs(s.W[0]) + Math.Abs(s.W[1]), 12);
        var g = Loss.Gradient(s.W);
        for (int j = 0; j < 2; j++)
        {
            if (s.W[j] != 0) Assert.Equal(-s.Multiplier * Math.Sign(s.W[j]), g[j], 10);
            else Assert.True(Math.Abs(g[j]) <= s.Multiplier + 1e-10);
        }
        var lasso = ConstrainedMinimizer.Lasso(Loss, s.Multiplier);
        Assert.Equal(s.W[0], lasso[0], 10);
        Assert.Equal(s.W[1], lasso[1], 10);
        // no point of the boundary is better (dense scan of the diamond)
        var ball = UnitBalls.Lp(1, 2001, t);
        for (int k = 0; k < ball.Count; k++) Assert.True(Loss.Value(ball.X[k], ball.Y[k]) >= Loss.Value(s.W[0], s.W[1]) - 1e-12);
    }

    [Fact]
    public void SmallL1BudgetsGiveExactZerosAndL2BudgetsDoNot()
    {
        var s = ConstrainedMinimizer.L1Ball(Loss, 0.5);
        Assert.Equal(1, s.Zeros);
        Assert.Equal(0.0, s.W[1]);
        Assert.Equal(0, ConstrainedMinimizer.L2Ball(Loss, 0.5).Zeros);
        double tStar = ConstrainedMinimizer.LastSparseBudget(Loss);
        Assert.Equal(1, ConstrainedMinimizer.L1Ball(Loss, tStar * (1 - 1e-9)).Zeros);
        Assert.Equal(0, ConstrainedMinimizer.L1Ball(Loss, tStar * (1 + 1e-6)).Zeros);
        // closed form: on the axis w = (t, 0), the second coordinate stays zero while |g2| <= |g1|
        // g = A((t,0) - c): g1 = a11 (t - c1) - a12 c2, g2 = a12 (t - c1) - a22 c2; leaves the axis where -g1 = |g2| (g2 < 0 side)
        // -(a11 (t - c1) - a12 c2) = -(a12 (t - c1) - a22 c2) -> (a11 - a12)(t - c1) = (a12 - a22) c2
        double closed = Loss.C1 + (Loss.A12 - Loss.A22) * Loss.C2 / (Loss.A11 - Loss.A12);
        Assert.Equal(closed, tStar, 9);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(1.5)]
    public void L2BallMinimizerIsTheRidgeSolutionOnTheSphere(double t)
    {
        var s = ConstrainedMinimizer.L2Ball(Loss, t);
        Assert.Equal(t, Math.Sqrt(s.W[0] * s.W[0] + s.W[1] * s.W[1]), 12);
        var g = Loss.Gradient(s.W);
        Assert.Equal(0.0, g[0] + s.Multiplier * s.W[0], 10);
        Assert.Equal(0.0, g[1] + s.Multiplier * s.W[1], 10);
        var circle = UnitBalls.Lp(2, 4001, t);
        for (int k = 0; k < circle.Count; k++) Assert.True(Loss.Value(circle.X[k], circle.Y[k]) >= Loss.Value(s.W[0], s.W[1]) - 1e-12);
    }

    [Fact]
    public void InactiveConstraintReturnsTheCenter()
    {
        var s1 = ConstrainedMinimizer.L1Ball(Loss, 10);
        var s2 = ConstrainedMinimizer.L2Ball(Loss, 10);
        Assert.False(s1.Active);
        Assert.Equal(Loss.Center, s1.W);
        Assert.Equal(0.0, s2.Multiplier);
        Assert.Equal(new[] { 0.0, 0.0 }, ConstrainedMinimizer.L1Ball(Loss, 0).W);
    }

    [Fact]
    public void LassoWithIdentityIsSoftThresholding()
    {
        var q = new Quadratic2D(1, 0, 1, 2.5, -0.4);
        var w = ConstrainedMinimizer.Lasso(q, 1.0);
        Assert.Equal(1.5, w[0], 14);
        Assert.Equal(0.0, w[1]);
        Assert.Equal(new[] { 0.0, 0.0 }, ConstrainedMinimizer.Lasso(q, 3.0));
        var r = ConstrainedMinimizer.Ridge(q, 1.0);
        Assert.Equal(1.25, r[0], 14);
    }

    [Fact]
    public void SweepHasOneFramePerBudgetAndAGrid()
    {
        var sweep = BudgetSweep.Run(Loss, [0.0, 0.5, 1.0], (-1, 3), (-1, 2), gridPoints: 11, curvePoints: 33);
        Assert.Equal(3, sweep.Frames.Count);
        Assert.Equal(11, sweep.GridZ.Length);
        Assert.Equal(3.0, sweep.GridX[^1]);
        Assert.Equal(Loss.Value(sweep.GridX[4], sweep.GridY[7]), sweep.GridZ[7][4], 14);
        Assert.Equal(0.5, sweep.Frames[1].L1.Budget);
        Assert.Equal(33, sweep.Frames[2].L2Ball.Count);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    public void LevelCurveIsTheContour(double level)
    {
        foreach (var q in new[] { Loss, new Quadratic2D(2, 0, 0.5, -1, 1), new Quadratic2D(0.5, 0, 2, 0, 0) })
        {
            var c = q.LevelCurve(level, 64);
            for (int k = 0; k < c.Count; k++) Assert.Equal(level, q.Value(c.X[k], c.Y[k]), 11);
        }
    }

    [Fact]
    public void TheTangentContourTouchesTheBallAtTheMinimizer()
    {
        var s = ConstrainedMinimizer.L2Ball(Loss, 1.0);
        var c = Loss.LevelCurve(Loss.Value(s.W), 4001);
        // every point of the contour lies outside (or on) the ball, the closest one at the minimizer
        int best = Enumerable.Range(0, c.Count).MinBy(k => c.X[k] * c.X[k] + c.Y[k] * c.Y[k]);
        Assert.True(Math.Sqrt(c.X[best] * c.X[best] + c.Y[best] * c.Y[best]) >= 1 - 1e-6);
        Assert.Equal(s.W[0], c.X[best], 2);
        Assert.Equal(s.W[1], c.Y[best], 2);
    }
}
