using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Linear;

/// <summary>
/// A fitted elastic net (or lasso): the minimizer of
/// <c>1/(2n) sum_i s_i (y_i - x_i w - b)^2 + Alpha sum_j pf_j (L1Ratio |w_j| + (1 - L1Ratio)/2 w_j^2)</c>
/// with its convergence certificate.
/// </summary>
public sealed class ElasticNetModel : LinearModel
{
    internal ElasticNetModel(Vector<double> coef, double intercept, double alpha, double l1Ratio, CdResult result)
        : base(coef, intercept)
    {
        Alpha = alpha;
        L1Ratio = l1Ratio;
        Iterations = result.Iterations;
        DualGap = result.DualGap;
        Converged = result.Converged;
        StopReason = result.StopReason;
    }

    /// <summary>The penalty strength the model was fitted at.</summary>
    public double Alpha { get; }

    /// <summary>The L1 share of the penalty.</summary>
    public double L1Ratio { get; }

    /// <summary>Full coordinate sweeps used.</summary>
    public int Iterations { get; }

    /// <summary>Final duality gap (scikit-learn's scale: the objective multiplied by n).</summary>
    public double DualGap { get; }

    /// <summary>True when the duality gap reached <c>Tol ||y||^2</c>.</summary>
    public bool Converged { get; }

    /// <summary>Why the solver stopped.</summary>
    public string StopReason { get; }
}
