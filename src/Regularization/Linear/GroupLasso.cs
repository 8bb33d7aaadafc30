using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Penalties;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Group lasso (Yuan and Lin 2006) over disjoint feature groups: minimizes
/// <c>1/(2n) sum_i s_i (y_i - x_i w - b)^2 + Alpha sum_g omega_g ||w_g||_2</c> with <c>omega_g = sqrt(|g|)</c> by default;
/// features in no group are unpenalized. Solved by block coordinate descent (<see cref="GroupCoordinateDescentSolver"/>).
/// </summary>
/// <example><code>var m = new GroupLasso(0.5, [[0, 1, 2], [3, 4], [5]]).Fit(x, y); m.ActiveGroups;</code></example>
public sealed class GroupLasso
{
    /// <summary>Creates the estimator.</summary>
    /// <param name="alpha">Penalty strength, finite and &gt;= 0.</param>
    /// <param name="groups">Disjoint groups of column indices (validated against x at fit time).</param>
    public GroupLasso(double alpha, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        Alpha = Guard.NonNegative(alpha, nameof(alpha));
        Groups = Guard.NotNull(groups, nameof(groups));
        if (groups.Count == 0) throw new ArgumentException("groups is empty: give at least one group of column indices.", nameof(groups));
    }

    /// <summary>Penalty strength.</summary>
    public double Alpha { get; }

    /// <summary>The groups.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Groups { get; }

    /// <summary>Per-group weights omega_g (default sqrt of the group size).</summary>
    public IReadOnlyList<double>? GroupWeights { get; init; }

    /// <summary>Fit an unpenalized intercept (default true).</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Duality-gap tolerance relative to <c>||y||^2</c> (default 1e-4).</summary>
    public double Tol { get; init; } = 1e-4;

    /// <summary>Maximum full block sweeps (default 1000).</summary>
    public int MaxIter { get; init; } = 1000;

    /// <summary>Covariance or naive updates.</summary>
    public CdAlgorithm Algorithm { get; init; } = CdAlgorithm.Auto;

    /// <summary>The constraints on every option, checked at the start of <see cref="Fit"/>.</summary>
    public static IReadOnlyList<OptionRule> OptionRules { get; } =
    [
        OptionRule.NonNegative<GroupLasso>(nameof(Alpha), e => e.Alpha),
        OptionRule.NonNegativeList<GroupLasso>(nameof(GroupWeights), e => e.GroupWeights),
        OptionRule.Positive<GroupLasso>(nameof(Tol), e => e.Tol),
        OptionRule.AtLeast<GroupLasso>(nameof(MaxIter), 1, e => e.MaxIter),
        OptionRule.Defined<GroupLasso, CdAlgorithm>(nameof(Algorithm), e => e.Algorithm),
    ];

    /// <summary>Fits the model.</summary>
    public GroupLassoModel Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        OptionRule.CheckAll(this, OptionRules);
        var d = CenteredDesign.Create(x, y, sampleWeight, FitIntercept);
        var (groups, omega) = Prepare(Groups, GroupWeights, d.P);
        var solver = new GroupCoordinateDescentSolver(d, groups, omega, Algorithm);
        var res = solver.Solve(d.N * Alpha, Tol, MaxIter);
        var w = solver.Coef.ToArray();
        return new GroupLassoModel(Vector<double>.Build.DenseOfArray(w), d.InterceptFor(w), Alpha, groups, res);
    }

    /// <summary><c>alpha_max = max_g ||X_g^T r|| / (n omega_g)</c>: the smallest alpha at which every penalized group is zero.</summary>
    public static double AlphaMax(Matrix<double> x, Vector<double> y, IReadOnlyList<IReadOnlyList<int>> groups, IReadOnlyList<double>? groupWeights = null,
        bool fitIntercept = true, Vector<double>? sampleWeight = null)
    {
        var d = CenteredDesign.Create(x, y, sampleWeight, fitIntercept);
        var (g, omega) = Prepare(groups, groupWeights, d.P);
        var solver = new GroupCoordinateDescentSolver(d, g, omega, CdAlgorithm.Naive);
        return AlphaMax(solver, d.N, omega);
    }

    internal static double AlphaMax(GroupCoordinateDescentSolver solver, int n, double[] omega)
    {
        if (omega.All(w => w == 0))
            throw new ArgumentException(
                $"groupWeights is 0 for all {omega.Length} groups: nothing is penalized, so there is no alpha_max and no automatic alpha grid; give a positive weight to at least one group or explicit alphas.", "groupWeights");
        // fit the unpenalized features first (lambda = +large keeps every penalized group at 0)
        solver.Solve(double.MaxValue / 1e10, 1e-14, 10000);
        return solver.DualNorm() / n;
    }

    /// <summary>
    /// Group-lasso path: <paramref name="nAlphas"/> values from alpha_max down to <c>eps alpha_max</c> (or the explicit
    /// <paramref name="alphas"/>, fitted in the order given), warm-started. <paramref name="fitIntercept"/> defaults to true (an
    /// unpenalized intercept, as the estimator), where scikit-learn's path functions fit none.
    /// </summary>
    public static RegularizationPath Path(Matrix<double> x, Vector<double> y, IReadOnlyList<IReadOnlyList<int>> groups, int nAlphas = 100, double eps = 1e-3,
        IReadOnlyList<double>? alphas = null, IReadOnlyList<double>? groupWeights = null, bool fitIntercept = true, double tol = 1e-4, int maxIter = 1000,
        Vector<double>? sampleWeight = null, CdAlgorithm algorithm = CdAlgorithm.Auto)
    {
        var grid = ElasticNetCore.CheckPathOptions(nAlphas, eps, alphas, tol, maxIter, algorithm);
        var d = CenteredDesign.Create(x, y, sampleWeight, fitIntercept);
        var (g, omega) = Prepare(groups, groupWeights, d.P);
        var solver = new GroupCoordinateDescentSolver(d, g, omega, algorithm);
        grid ??= ElasticNetCore.Grid(AlphaMax(solver, d.N, omega), eps, nAlphas);
        return RunPath(d, solver, grid, tol, maxIter);
    }

    internal static RegularizationPath RunPath(CenteredDesign d, GroupCoordinateDescentSolver solver, double[] grid, double tol, int maxIter)
    {
        var coefs = Matrix<double>.Build.Dense(d.P, grid.Length);
        var intercepts = new double[grid.Length];
        var results = new CdResult[grid.Length];
        var dev = new double[grid.Length];
        for (int k = 0; k < grid.Length; k++)
        {
            results[k] = solver.Solve(d.N * grid[k], tol, maxIter);
            var w = solver.Coef;
            for (int j = 0; j < d.P; j++) coefs[j, k] = w[j];
            intercepts[k] = d.InterceptFor(w);
            var (rss, tss) = solver.ResidualSums();
            dev[k] = tss > 0 ? 1 - rss / tss : 0;
        }
        return new RegularizationPath(grid, double.NaN, coefs, intercepts, results, tol, dev);
    }

    internal static (int[][] Groups, double[] Omega) Prepare(IReadOnlyList<IReadOnlyList<int>> groups, IReadOnlyList<double>? weights, int p)
    {
        Guard.NotNull(groups, nameof(groups));
        var g = GroupLassoPenalty.ValidateGroups(groups, p);
        double[] omega;
        if (weights is null) omega = g.Select(t => Math.Sqrt(t.Length)).ToArray();
        else
        {
            Guard.SameLength(weights.Count, g.Length, "groupWeights", "groups.Count");
            omega = weights.Select((v, i) => Guard.NonNegative(v, $"groupWeights[{i}]")).ToArray();
        }
        return (g, omega);
    }
}
