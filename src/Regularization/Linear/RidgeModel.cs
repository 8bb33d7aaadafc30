using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Linear;

/// <summary>A fitted ridge regression: the exact minimizer of <c>sum_i s_i (y_i - x_i w - b)^2 + Alpha ||w||^2</c>.</summary>
public sealed class RidgeModel : LinearModel
{
    internal RidgeModel(Vector<double> coef, double intercept, double alpha, RidgeSolver solver) : base(coef, intercept)
    {
        Alpha = alpha;
        Solver = solver;
    }

    /// <summary>The penalty strength.</summary>
    public double Alpha { get; }

    /// <summary>The solver that was used (never <see cref="RidgeSolver.Auto"/>).</summary>
    public RidgeSolver Solver { get; }
}
