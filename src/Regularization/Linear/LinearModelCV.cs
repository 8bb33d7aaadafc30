using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// What the k-fold cross-validated path estimators share (scikit-learn's <c>LinearModelCV</c>; <see cref="ElasticNetCV"/>,
/// <see cref="LassoCV"/>, <see cref="GroupLassoCV"/>): the alpha grid (<c>alpha_max</c> down to <c>Eps alpha_max</c>, or explicit),
/// the folds, which alpha the final model is refit at, and the coordinate-descent stopping rule of every fit.
/// </summary>
public abstract class LinearModelCV
{
    private protected LinearModelCV() { }

    /// <summary>Size of the automatic alpha grid (per l1 ratio for <see cref="ElasticNetCV"/>; default 100).</summary>
    public int NAlphas { get; init; } = 100;

    /// <summary>Smallest / largest alpha of the automatic grid (default 1e-3).</summary>
    public double Eps { get; init; } = 1e-3;

    /// <summary>An explicit alpha grid (sorted descending; used for every l1 ratio); null for the automatic grid.</summary>
    public IReadOnlyList<double>? Alphas { get; init; }

    /// <summary>Number of folds when <see cref="FoldIds"/> is null (default 5).</summary>
    public int Cv { get; init; } = 5;

    /// <summary>Explicit fold of every row (0..k-1); overrides <see cref="Cv"/> and <see cref="Seed"/>.</summary>
    public IReadOnlyList<int>? FoldIds { get; init; }

    /// <summary>Seed for shuffled folds; null (default) gives contiguous folds as scikit-learn's <c>KFold(Cv)</c> (<see cref="Splits.Folds"/>, the policy <see cref="Logistic.LogisticRegressionCV"/> shares).</summary>
    public int? Seed { get; init; }

    /// <summary>Which alpha the final model is refit at (default the minimum).</summary>
    public CvSelection Selection { get; init; } = CvSelection.Min;

    /// <summary>Fit an unpenalized intercept (default true).</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Duality-gap tolerance relative to <c>||y||^2</c> (default 1e-4).</summary>
    public double Tol { get; init; } = 1e-4;

    /// <summary>Maximum full (block) sweeps per alpha (default 1000).</summary>
    public int MaxIter { get; init; } = 1000;

    /// <summary>
    /// Folds fitted at once (default -1: every core; 1 for the sequential loop). The results do not depend on it: every fold is
    /// computed alone and written to its own slots.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The constraints on the options every cross-validated linear estimator shares.</summary>
    public static IReadOnlyList<OptionRule> OptionRules { get; } =
    [
        OptionRule.AtLeast<LinearModelCV>(nameof(NAlphas), 1, e => e.NAlphas),
        OptionRule.InOpenRange<LinearModelCV>(nameof(Eps), 0, 1, e => e.Eps),
        OptionRule.NonNegativeList<LinearModelCV>(nameof(Alphas), e => e.Alphas),
        OptionRule.AtLeast<LinearModelCV>(nameof(Cv), 2, e => e.Cv),
        OptionRule.Defined<LinearModelCV, CvSelection>(nameof(Selection), e => e.Selection),
        OptionRule.Positive<LinearModelCV>(nameof(Tol), e => e.Tol),
        OptionRule.AtLeast<LinearModelCV>(nameof(MaxIter), 1, e => e.MaxIter),
        OptionRule.Parallelism<LinearModelCV>(nameof(MaxDegreeOfParallelism), e => e.MaxDegreeOfParallelism),
    ];

    /// <summary>Checks <see cref="OptionRules"/> (and the derived estimator's own rules): called first by every <c>Fit</c>, before any work.</summary>
    private protected void CheckOptions(IReadOnlyList<OptionRule>? own = null)
    {
        OptionRule.CheckAll(this, OptionRules);
        if (own is not null) OptionRule.CheckAll(this, own);
    }

    /// <summary>The fold of every row (<see cref="FoldIds"/>, or folds made from <see cref="Cv"/> and <see cref="Seed"/>) and the number of folds.</summary>
    private protected (int[] Folds, int K) MakeFolds(int n)
    {
        int[] folds;
        if (FoldIds is not null) { Splits.ValidateFoldIds(FoldIds, n, nameof(FoldIds)); folds = FoldIds.ToArray(); }
        else folds = Splits.Folds(n, Cv, Seed);
        return (folds, Splits.ValidateFoldIds(folds, n));
    }

    /// <summary>The checked explicit grid (sorted descending), or null for the automatic one.</summary>
    private protected double[]? UserAlphas() => Alphas is null ? null : Grids.UserGrid(Alphas, nameof(Alphas));

    /// <summary>The alpha of <paramref name="curve"/> that <see cref="Selection"/> asks for.</summary>
    private protected double SelectedAlpha(CvCurve curve) => Selection == CvSelection.Min ? curve.AtMin : curve.At1Se;

    /// <summary>
    /// The one cross-validation loop of the linear family: for every fold (in parallel up to <see cref="MaxDegreeOfParallelism"/>),
    /// the training rows re-centered with their own means, the paths <paramref name="fold"/> fits on them (one per grid, for example
    /// one per l1 ratio, sharing the fold's solver), each scored by the test rows' mean squared error. Returns the scores of every
    /// grid (<c>[alpha, fold]</c>) and the (grid, alpha, fold) of every fit that did not converge, fold by fold.
    /// </summary>
    private protected (Matrix<double>[] Scores, List<(int Grid, int AlphaIndex, int Fold)> NotConverged) ScoreFolds(Matrix<double> x, Vector<double> y,
        Vector<double>? sampleWeight, int[] folds, int k, double[][] grids, Func<CenteredDesign, int[], Func<int, RegularizationPath>> fold)
    {
        var scores = grids.Select(g => Matrix<double>.Build.Dense(g.Length, k)).ToArray();
        var byFold = new List<(int, int, int)>[k];
        FoldRunner.For(k, MaxDegreeOfParallelism, f =>
        {
            var (train, test) = Splits.Fold(folds, f);
            var xTest = MatrixOps.ColumnMajor(MatrixOps.SelectRows(x, test));
            var d = CenteredDesign.Create(x, y, sampleWeight, FitIntercept, train);
            var pathOf = fold(d, test);
            var nc = byFold[f] = [];
            for (int r = 0; r < grids.Length; r++)
            {
                var path = pathOf(r);
                var mse = TestMse(xTest, test, d.P, y, sampleWeight, path);
                for (int a = 0; a < grids[r].Length; a++)
                {
                    if (!path.Converged[a]) nc.Add((r, a, f));
                    scores[r][a, f] = mse[a];
                }
            }
        });
        return (scores, byFold.SelectMany(l => l).ToList());
    }

    /// <summary>
    /// Weighted test mean squared error of every point of <paramref name="path"/> on the rows <paramref name="test"/>
    /// (<paramref name="xTest"/> their column-major design): predictions for all alphas in one product <c>X_test Coefs</c>.
    /// </summary>
    private protected static double[] TestMse(double[] xTest, int[] test, int p, Vector<double> y, Vector<double>? sw, RegularizationPath path)
    {
        int nt = test.Length, q = path.Alphas.Length;
        var pred = new double[(long)nt * q];
        Kernels.GemmKernels.Multiply(xTest, nt, p, MatrixOps.ColumnMajor(path.Coefs), q, pred);
        var mse = new double[q];
        for (int a = 0; a < q; a++)
        {
            double s = 0, ws = 0, b = path.Intercepts[a];
            for (int i = 0; i < nt; i++)
            {
                double e = y[test[i]] - pred[(long)a * nt + i] - b;
                double wi = sw?[test[i]] ?? 1.0;
                s += wi * e * e;
                ws += wi;
            }
            mse[a] = s / ws;
        }
        return mse;
    }
}
