using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Group lasso with alpha chosen by k-fold cross-validation; grid, folds and curve as <see cref="ElasticNetCV"/>.
/// </summary>
/// <example><code>var cv = new GroupLassoCV(groups) { Seed = 0 }.Fit(x, y); cv.AlphaMin; cv.Alpha1Se; cv.Model.ActiveGroups;</code></example>
public sealed class GroupLassoCV : LinearModelCV
{
    /// <summary>Creates the estimator over the given disjoint groups.</summary>
    public GroupLassoCV(IReadOnlyList<IReadOnlyList<int>> groups) => Groups = Guard.NotNull(groups, nameof(groups));

    /// <summary>The groups.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Groups { get; }

    /// <summary>Per-group weights (default sqrt of the group size).</summary>
    public IReadOnlyList<double>? GroupWeights { get; init; }

    /// <summary>Covariance or naive updates (default automatic).</summary>
    public CdAlgorithm Algorithm { get; init; } = CdAlgorithm.Auto;

    /// <summary>The constraints on the options <see cref="GroupLassoCV"/> adds to <see cref="LinearModelCV.OptionRules"/>.</summary>
    public static IReadOnlyList<OptionRule> OwnOptionRules { get; } =
    [
        OptionRule.NonNegativeList<GroupLassoCV>(nameof(GroupWeights), e => e.GroupWeights),
        OptionRule.Defined<GroupLassoCV, CdAlgorithm>(nameof(Algorithm), e => e.Algorithm),
    ];

    /// <summary>Cross-validates, selects and refits.</summary>
    public GroupLassoCVResult Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        CheckOptions(OwnOptionRules);
        var full = CenteredDesign.Create(x, y, sampleWeight, FitIntercept);
        int n = full.N, p = full.P;
        var (groups, omega) = GroupLasso.Prepare(Groups, GroupWeights, p);
        var (folds, k) = MakeFolds(n);
        var grid = UserAlphas()
            ?? ElasticNetCore.Grid(GroupLasso.AlphaMax(new GroupCoordinateDescentSolver(full, groups, omega, CdAlgorithm.Naive), n, omega), Eps, NAlphas);
        var (all, ncAll) = ScoreFolds(x, y, sampleWeight, folds, k, [grid], (d, _) =>
        {
            var solver = new GroupCoordinateDescentSolver(d, groups, omega, Algorithm);
            return _ => GroupLasso.RunPath(d, solver, grid, Tol, MaxIter);
        });
        var scores = all[0];
        var nc = ncAll.Select(t => (t.AlphaIndex, t.Fold)).ToList();
        var curve = new CvCurve(grid, scores, measure: "mse");
        double alpha = SelectedAlpha(curve);
        var model = new GroupLasso(alpha, Groups) { GroupWeights = GroupWeights, FitIntercept = FitIntercept, Tol = Tol, MaxIter = MaxIter, Algorithm = Algorithm }.Fit(x, y, sampleWeight);
        return new GroupLassoCVResult(curve, folds, model, Selection, nc);
    }
}
