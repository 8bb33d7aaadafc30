using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Linear;

/// <summary>
/// A fitted elastic net (or lasso): the minimizer of
/// <c>1/(2n) sum_i s_i (y_i - x_i w - b)^2 + Alpha sum_j pf_j (L1Ratio |w_j| + (1 - L1Ratio)/2 w_j^2)</c>
/// with its convergence certificate.
/// </summary>
public sealed class ElasticNetModel : CoordinateDescentModel
{
    internal ElasticNetModel(Vector<double> coef, double intercept, double alpha, double l1Ratio, CdResult result)
        : base(coef, intercept, alpha, result)
    {
        L1Ratio = l1Ratio;
    }

    /// <summary>The L1 share of the penalty.</summary>
    public double L1Ratio { get; }
}
