using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Group lasso with alpha chosen by k-fold cross-validation; grid, folds and curve as <see cref="ElasticNetCV"/>.
/// </summary>
/// <example><code>var cv = new GroupLassoCV(groups) { Seed = 0 }.Fit(x, y); cv.AlphaMin; cv.Alpha1Se; cv.Model.ActiveGroups;</code></example>
public sealed class GroupLassoCV
{
    /// <summary>Creates the estimator over the given disjoint groups.</summary>
    public GroupLassoCV(IReadOnlyList<IReadOnlyList<int>> groups) => Groups = Guard.NotNull(groups, nameof(groups));

    /// <summary>The groups.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Groups { get; }

    /// <summary>Per-group weights (default sqrt of the group size).</summary>
    public IReadOnlyList<double>? GroupWeights { get; init; }

    /// <summary>Grid size (default 100).</summary>
    public int NAlphas { get; init; } = 100;

    /// <summary>Smallest / largest alpha (default 1e-3).</summary>
    public double Eps { get; init; } = 1e-3;

    /// <summary>Explicit alpha grid (sorted descending); null for the automatic grid.</summary>
    public IReadOnlyList<double>? Alphas { get; init; }

    /// <summary>Number of folds when <see cref="FoldIds"/> is null (default 5).</summary>
    public int Cv { get; init; } = 5;

    /// <summary>Explicit fold of every row.</summary>
    public IReadOnlyList<int>? FoldIds { get; init; }

    /// <summary>Seed for shuffled folds; null for contiguous folds.</summary>
    public int? Seed { get; init; }

    /// <summary>Which alpha to refit at.</summary>
    public CvSelection Selection { get; init; } = CvSelection.Min;

    /// <summary>Fit an unpenalized intercept (default true).</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Duality-gap tolerance relative to <c>||y||^2</c> (default 1e-4).</summary>
    public double Tol { get; init; } = 1e-4;

    /// <summary>Maximum full block sweeps per alpha.</summary>
    public int MaxIter { get; init; } = 1000;

    /// <summary>Cross-validates, selects and refits.</summary>
    public GroupLassoCVResult Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        var full = CenteredDesign.Create(x, y, sampleWeight, FitIntercept);
        int n = full.N, p = full.P;
        var (groups, omega) = GroupLasso.Prepare(Groups, GroupWeights, p);
        int[] folds;
        if (FoldIds is not null) { Splits.ValidateFoldIds(FoldIds, n, nameof(FoldIds)); folds = FoldIds.ToArray(); }
        else folds = Seed is int s ? Splits.KFold(n, Cv, s) : Splits.KFoldContiguous(n, Cv);
        int k = Splits.ValidateFoldIds(folds, n);
        var grid = Alphas is not null ? Grids.UserGrid(Alphas, nameof(Alphas))
            : ElasticNetCore.Grid(GroupLasso.AlphaMax(new GroupCoordinateDescentSolver(full, groups, omega, CdAlgorithm.Naive), n), Eps, NAlphas);
        var scores = Matrix<double>.Build.Dense(grid.Length, k);
        var nc = new List<(int, int)>();
        for (int f = 0; f < k; f++)
        {
            var (train, test) = Splits.Fold(folds, f);
            var d = CenteredDesign.Create(x, y, sampleWeight, FitIntercept, train);
            var solver = new GroupCoordinateDescentSolver(d, groups, omega);
            var path = GroupLasso.RunPath(d, solver, grid, Tol, MaxIter);
            var xt = MatrixOps.SelectRows(x, test);
            var yt = MatrixOps.SelectRows(y, test);
            var pred = path.Predict(xt);
            for (int a = 0; a < grid.Length; a++)
            {
                if (!path.Converged[a]) nc.Add((a, f));
                double sse = 0, ws = 0;
                for (int i = 0; i < test.Length; i++)
                {
                    double e = yt[i] - pred[i, a], wi = sampleWeight?[test[i]] ?? 1.0;
                    sse += wi * e * e; ws += wi;
                }
                scores[a, f] = sse / ws;
            }
        }
        var curve = new CvCurve(grid, scores, measure: "mse");
        double alpha = Selection == CvSelection.Min ? curve.AtMin : curve.At1Se;
        var model = new GroupLasso(alpha, Groups) { GroupWeights = GroupWeights, FitIntercept = FitIntercept, Tol = Tol, MaxIter = MaxIter }.Fit(x, y, sampleWeight);
        return new GroupLassoCVResult(curve, folds, model, Selection, nc);
    }
}
