using MathNet.Numerics.LinearAlgebra;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// The options and the fit shared by <see cref="ElasticNet"/> and <see cref="Lasso"/>: one objective,
/// <c>1/(2n) sum_i s_i (y_i - x_i w - b)^2 + Alpha sum_j pf_j (L1Ratio |w_j| + (1 - L1Ratio)/2 w_j^2)</c>, one set of options
/// declared once (<see cref="OptionRules"/>) and checked before any work. The static paths live on the two sealed types, so that
/// <c>Lasso.Path</c> has no <c>l1Ratio</c> parameter a positional double could fall into.
/// </summary>
public abstract class CoordinateDescentRegressor
{
    private protected CoordinateDescentRegressor(double alpha, double l1Ratio)
    {
        Alpha = Guard.NonNegative(alpha, nameof(alpha));
        L1Ratio = Guard.InClosedRange(l1Ratio, 0, 1, nameof(l1Ratio));
    }

    /// <summary>Penalty strength.</summary>
    public double Alpha { get; }

    /// <summary>L1 share of the penalty (1 for the lasso).</summary>
    public double L1Ratio { get; }

    /// <summary>Fit an unpenalized intercept (default true).</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Stopping tolerance: duality gap &lt;= Tol ||y - mean(y)||^2 (scikit-learn's default 1e-4).</summary>
    public double Tol { get; init; } = 1e-4;

    /// <summary>Maximum full sweeps (default 1000).</summary>
    public int MaxIter { get; init; } = 1000;

    /// <summary>Constrain the coefficients to be &gt;= 0.</summary>
    public bool Positive { get; init; }

    /// <summary>Per-feature penalty factors (glmnet's <c>penalty.factor</c>, used as given, not rescaled); null for all 1.</summary>
    public IReadOnlyList<double>? PenaltyFactor { get; init; }

    /// <summary>Covariance or naive updates (default automatic).</summary>
    public CdAlgorithm Algorithm { get; init; } = CdAlgorithm.Auto;

    /// <summary>The constraints on every option, checked at the start of <see cref="Fit"/>.</summary>
    public static IReadOnlyList<OptionRule> OptionRules { get; } =
    [
        OptionRule.NonNegative<CoordinateDescentRegressor>(nameof(Alpha), e => e.Alpha),
        OptionRule.InClosedRange<CoordinateDescentRegressor>(nameof(L1Ratio), 0, 1, e => e.L1Ratio),
        OptionRule.Positive<CoordinateDescentRegressor>(nameof(Tol), e => e.Tol),
        OptionRule.AtLeast<CoordinateDescentRegressor>(nameof(MaxIter), 1, e => e.MaxIter),
        OptionRule.NonNegativeList<CoordinateDescentRegressor>(nameof(PenaltyFactor), e => e.PenaltyFactor),
        OptionRule.Defined<CoordinateDescentRegressor, CdAlgorithm>(nameof(Algorithm), e => e.Algorithm),
    ];

    /// <summary>Fits the model.</summary>
    /// <param name="x">Design matrix (n x p), finite.</param>
    /// <param name="y">Target (length n), finite.</param>
    /// <param name="sampleWeight">Optional non-negative sample weights.</param>
    /// <param name="initialCoef">Optional warm start (length p, finite, with a finite initial residual).</param>
    public ElasticNetModel Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null, Vector<double>? initialCoef = null)
    {
        OptionRule.CheckAll(this, OptionRules);
        var d = CenteredDesign.Create(x, y, sampleWeight, FitIntercept);
        var pf = ElasticNetCore.PenaltyFactors(PenaltyFactor, d.P);
        var solver = new CoordinateDescentSolver(d, Algorithm);
        if (initialCoef is not null) solver.SetCoef(ElasticNetCore.CheckedStart(initialCoef, d));
        var l1 = new double[d.P];
        var l2 = new double[d.P];
        ElasticNetCore.Weights(Alpha, L1Ratio, pf, d.N, l1, l2);
        var res = solver.Solve(l1, l2, Positive, Tol, MaxIter);
        var w = Vector<double>.Build.DenseOfArray(solver.Coef.ToArray());
        var model = new ElasticNetModel(w, d.InterceptFor(solver.Coef), Alpha, L1Ratio, res);
        d.Release();
        return model;
    }
}
