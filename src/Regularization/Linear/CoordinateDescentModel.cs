using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Linear;

/// <summary>
/// A linear model fitted by coordinate descent at penalty strength <see cref="Alpha"/>, with the solver's convergence certificate
/// (<see cref="ElasticNetModel"/>, <see cref="GroupLassoModel"/>).
/// </summary>
public abstract class CoordinateDescentModel : LinearModel
{
    private protected CoordinateDescentModel(Vector<double> coef, double intercept, double alpha, CdResult result) : base(coef, intercept)
    {
        Alpha = alpha;
        Iterations = result.Iterations;
        DualGap = result.DualGap;
        Converged = result.Converged;
        StopReason = result.StopReason;
    }

    /// <summary>The penalty strength the model was fitted at.</summary>
    public double Alpha { get; }

    /// <summary>Full coordinate (or block) sweeps used.</summary>
    public int Iterations { get; }

    /// <summary>Final duality gap (scikit-learn's scale: the objective multiplied by n).</summary>
    public double DualGap { get; }

    /// <summary>True when the duality gap reached <c>Tol ||y||^2</c>.</summary>
    public bool Converged { get; }

    /// <summary>Why the solver stopped.</summary>
    public string StopReason { get; }
}
