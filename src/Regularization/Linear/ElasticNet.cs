using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Elastic net by coordinate descent (scikit-learn's <c>ElasticNet</c>): minimizes
/// <c>1/(2n) sum_i s_i (y_i - x_i w - b)^2 + Alpha sum_j pf_j (L1Ratio |w_j| + (1 - L1Ratio)/2 w_j^2)</c>
/// over <c>w</c> and the unpenalized intercept <c>b</c>, where <c>s_i</c> are sample weights normalized to sum to n (all 1 by default)
/// and <c>pf_j</c> the penalty factors (all 1 by default; 0 leaves a feature unpenalized).
/// </summary>
/// <example><code>var m = new ElasticNet(alpha: 0.1, l1Ratio: 0.5).Fit(x, y); m.Coef; m.Converged;</code></example>
public sealed class ElasticNet : CoordinateDescentRegressor
{
    /// <summary>Creates the estimator.</summary>
    /// <param name="alpha">Penalty strength, finite and &gt;= 0.</param>
    /// <param name="l1Ratio">L1 share of the penalty, in [0, 1] (1 = lasso).</param>
    public ElasticNet(double alpha = 1.0, double l1Ratio = 0.5) : base(alpha, l1Ratio) { }

    /// <summary>
    /// The smallest alpha at which every penalized coefficient is zero:
    /// <c>max_j |x_j^T r| / (n l1Ratio pf_j)</c> on the centered (weighted) data, <c>r</c> the residual after fitting the unpenalized columns.
    /// </summary>
    public static double AlphaMax(Matrix<double> x, Vector<double> y, double l1Ratio = 1.0, bool fitIntercept = true,
        IReadOnlyList<double>? penaltyFactor = null, Vector<double>? sampleWeight = null)
    {
        Guard.InClosedRange(l1Ratio, 0, 1, nameof(l1Ratio));
        var d = CenteredDesign.Create(x, y, sampleWeight, fitIntercept);
        var pf = ElasticNetCore.PenaltyFactors(penaltyFactor, d.P);
        return ElasticNetCore.AlphaMax(new CoordinateDescentSolver(d, CdAlgorithm.Naive), l1Ratio, pf);
    }

    /// <summary>
    /// Elastic-net path (scikit-learn's <c>enet_path</c>, glmnet's path): fits every alpha of the grid in order, warm-starting each from the previous.
    /// Without <paramref name="alphas"/> the grid is <paramref name="nAlphas"/> values from <c>alpha_max</c> down to <c>eps alpha_max</c>,
    /// evenly spaced in log (numpy's <c>logspace</c>, descending).
    /// </summary>
    /// <param name="x">Design matrix (n x p).</param>
    /// <param name="y">Target (length n).</param>
    /// <param name="l1Ratio">L1 share, in [0, 1] (must be &gt; 0 for an automatic grid).</param>
    /// <param name="nAlphas">Grid size (default 100).</param>
    /// <param name="eps">Ratio of the smallest to the largest alpha (default 1e-3).</param>
    /// <param name="alphas">An explicit grid, fitted exactly in the order given; overrides nAlphas/eps.</param>
    /// <param name="fitIntercept">Fit an unpenalized intercept. Default true, unlike scikit-learn's <c>enet_path</c>, which fits none:
    /// pass <c>fitIntercept: false</c> for its numbers on uncentered data (on centered data both agree).</param>
    /// <param name="tol">Duality-gap tolerance relative to <c>||y||^2</c> (default 1e-4).</param>
    /// <param name="maxIter">Maximum full sweeps per alpha.</param>
    /// <param name="positive">Constrain coefficients to be &gt;= 0.</param>
    /// <param name="penaltyFactor">Per-feature penalty factors (0 = unpenalized).</param>
    /// <param name="sampleWeight">Optional sample weights.</param>
    /// <param name="algorithm">Covariance or naive updates.</param>
    public static RegularizationPath Path(Matrix<double> x, Vector<double> y, double l1Ratio = 0.5, int nAlphas = 100, double eps = 1e-3,
        IReadOnlyList<double>? alphas = null, bool fitIntercept = true, double tol = 1e-4, int maxIter = 1000, bool positive = false,
        IReadOnlyList<double>? penaltyFactor = null, Vector<double>? sampleWeight = null, CdAlgorithm algorithm = CdAlgorithm.Auto)
    {
        Guard.InClosedRange(l1Ratio, 0, 1, nameof(l1Ratio));
        var grid = ElasticNetCore.CheckPathOptions(nAlphas, eps, alphas, tol, maxIter, algorithm);
        var d = CenteredDesign.Create(x, y, sampleWeight, fitIntercept);
        var pf = ElasticNetCore.PenaltyFactors(penaltyFactor, d.P);
        var solver = new CoordinateDescentSolver(d, algorithm);
        grid ??= ElasticNetCore.Grid(ElasticNetCore.AlphaMax(solver, l1Ratio, pf), eps, nAlphas);
        var path = ElasticNetCore.RunPath(d, solver, l1Ratio, grid, pf, positive, tol, maxIter);
        d.Release();
        return path;
    }
}
