using MathNet.Numerics.LinearAlgebra;

namespace Regularization.Linear;

/// <summary>
/// Lasso by coordinate descent (scikit-learn's <c>Lasso</c>; glmnet with alpha = 1 and lambda = Alpha): minimizes
/// <c>1/(2n) sum_i s_i (y_i - x_i w - b)^2 + Alpha sum_j pf_j |w_j|</c>. The options are those of <see cref="CoordinateDescentRegressor"/>.
/// Not an <see cref="ElasticNet"/>: its static <see cref="Path"/> and <see cref="AlphaMax"/> have no <c>l1Ratio</c>, so
/// <c>Lasso.Path(x, y, 1e-3)</c> does not compile instead of silently giving an elastic-net path with <c>L1Ratio = 0.001</c>.
/// </summary>
/// <example><code>var m = new Lasso(0.1).Fit(x, y);   var path = Lasso.Path(x, y);</code></example>
public sealed class Lasso : CoordinateDescentRegressor
{
    /// <summary>Creates the estimator with penalty strength <paramref name="alpha"/> (finite, &gt;= 0).</summary>
    public Lasso(double alpha = 1.0) : base(alpha, 1.0) { }

    /// <summary>The smallest alpha at which every penalized coefficient is zero (<see cref="ElasticNet.AlphaMax"/> with <c>l1Ratio = 1</c>).</summary>
    public static double AlphaMax(Matrix<double> x, Vector<double> y, bool fitIntercept = true,
        IReadOnlyList<double>? penaltyFactor = null, Vector<double>? sampleWeight = null) =>
        ElasticNet.AlphaMax(x, y, 1.0, fitIntercept, penaltyFactor, sampleWeight);

    /// <summary>
    /// Lasso path (scikit-learn's <c>lasso_path</c>): <paramref name="nAlphas"/> values from <c>alpha_max = max|x_j^T y|/n</c> down to
    /// <c>eps alpha_max</c> (or the explicit <paramref name="alphas"/>), warm-started. See <see cref="ElasticNet.Path"/> for the parameters;
    /// as there, <paramref name="fitIntercept"/> defaults to true where scikit-learn's <c>lasso_path</c> fits no intercept.
    /// </summary>
    public static RegularizationPath Path(Matrix<double> x, Vector<double> y, int nAlphas = 100, double eps = 1e-3,
        IReadOnlyList<double>? alphas = null, bool fitIntercept = true, double tol = 1e-4, int maxIter = 1000, bool positive = false,
        IReadOnlyList<double>? penaltyFactor = null, Vector<double>? sampleWeight = null, CdAlgorithm algorithm = CdAlgorithm.Auto) =>
        ElasticNet.Path(x, y, 1.0, nAlphas, eps, alphas, fitIntercept, tol, maxIter, positive, penaltyFactor, sampleWeight, algorithm);
}
