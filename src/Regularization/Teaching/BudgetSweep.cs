using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// The data behind the "contours meet the constraint" picture: for each budget t the L1 and L2 balls and the exact
/// minimizers of a quadratic over them (<see cref="ConstrainedMinimizer"/>), plus the loss on a grid for the contours.
/// </summary>
public sealed class BudgetSweep
{
    private BudgetSweep(Quadratic2D loss, IReadOnlyList<BudgetFrame> frames, double[] xs, double[] ys, double[][] z)
    {
        Loss = loss; Frames = frames; GridX = xs; GridY = ys; GridZ = z;
    }

    /// <summary>The loss.</summary>
    public Quadratic2D Loss { get; }

    /// <summary>One frame per budget, in the given order.</summary>
    public IReadOnlyList<BudgetFrame> Frames { get; }

    /// <summary>Grid abscissae (first coefficient).</summary>
    public double[] GridX { get; }

    /// <summary>Grid ordinates (second coefficient).</summary>
    public double[] GridY { get; }

    /// <summary>Loss values, <c>GridZ[i][j] = f(GridX[j], GridY[i])</c>.</summary>
    public double[][] GridZ { get; }

    /// <summary>Computes the sweep.</summary>
    /// <param name="loss">The quadratic loss.</param>
    /// <param name="budgets">Budgets t &gt;= 0.</param>
    /// <param name="xRange">Range of the first coefficient for the contour grid.</param>
    /// <param name="yRange">Range of the second coefficient.</param>
    /// <param name="gridPoints">Grid points per axis, &gt;= 2.</param>
    /// <param name="curvePoints">Points per ball boundary, &gt;= 8.</param>
    public static BudgetSweep Run(Quadratic2D loss, IReadOnlyList<double> budgets, (double Lo, double Hi) xRange, (double Lo, double Hi) yRange,
        int gridPoints = 81, int curvePoints = 201)
    {
        Guard.NotNull(loss, nameof(loss));
        Guard.NotNull(budgets, nameof(budgets));
        Guard.AtLeast(gridPoints, 2, nameof(gridPoints));
        if (!(xRange.Lo < xRange.Hi)) throw new ArgumentException($"xRange = ({xRange.Lo}, {xRange.Hi}) must have Lo < Hi.", nameof(xRange));
        if (!(yRange.Lo < yRange.Hi)) throw new ArgumentException($"yRange = ({yRange.Lo}, {yRange.Hi}) must have Lo < Hi.", nameof(yRange));
        var frames = budgets.Select((t, i) =>
        {
            Guard.NonNegative(t, $"budgets[{i}]");
            var l1 = t == 0 ? Point(curvePoints) : UnitBalls.Lp(1, curvePoints, t);
            var l2 = t == 0 ? Point(curvePoints) : UnitBalls.Lp(2, curvePoints, t);
            return new BudgetFrame(t, l1, l2, ConstrainedMinimizer.L1Ball(loss, t), ConstrainedMinimizer.L2Ball(loss, t));
        }).ToArray();
        var xs = Linspace(xRange.Lo, xRange.Hi, gridPoints);
        var ys = Linspace(yRange.Lo, yRange.Hi, gridPoints);
        return new BudgetSweep(loss, frames, xs, ys, loss.Grid(xs, ys));
    }

    /// <summary><paramref name="n"/> evenly spaced values from lo to hi inclusive.</summary>
    public static double[] Linspace(double lo, double hi, int n)
    {
        Guard.AtLeast(n, 2, nameof(n));
        return Enumerable.Range(0, n).Select(i => i == n - 1 ? hi : lo + (hi - lo) * i / (n - 1)).ToArray();
    }

    private static Curve2D Point(int n) => new(new double[n], new double[n]);
}
