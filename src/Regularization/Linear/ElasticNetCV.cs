using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Linear;

/// <summary>
/// Elastic net with alpha (and l1 ratio) chosen by k-fold cross-validation (scikit-learn's <c>ElasticNetCV</c>, glmnet's <c>cv.glmnet</c>).
/// For every l1 ratio the alpha grid is computed once on all rows (<c>alpha_max</c> down to <c>Eps alpha_max</c>); each fold fits a
/// warm-started path on its training rows (re-centered with their own means) and scores the mean squared error on its test rows.
/// The curve's mean is the unweighted mean over folds (scikit-learn), its standard error <c>sd/sqrt(k)</c>.
/// </summary>
/// <example><code>var cv = new ElasticNetCV([0.1, 0.5, 0.9]) { Seed = 0 }.Fit(x, y); cv.AlphaMin; cv.Alpha1Se; cv.L1Ratio; cv.Model.Coef;</code></example>
public class ElasticNetCV : LinearModelCV
{
    /// <summary>Creates the estimator over the given l1 ratios (each in [0, 1], &gt; 0 unless <see cref="LinearModelCV.Alphas"/> is given; default 0.5).</summary>
    public ElasticNetCV(IReadOnlyList<double>? l1Ratios = null)
    {
        L1Ratios = (l1Ratios ?? [0.5]).ToArray();
        OwnOptionRules[0].Check(this);
    }

    /// <summary>The l1 ratios to try.</summary>
    public IReadOnlyList<double> L1Ratios { get; }

    /// <summary>Constrain coefficients to be &gt;= 0.</summary>
    public bool Positive { get; init; }

    /// <summary>Per-feature penalty factors (0 = unpenalized).</summary>
    public IReadOnlyList<double>? PenaltyFactor { get; init; }

    /// <summary>Covariance or naive updates.</summary>
    public CdAlgorithm Algorithm { get; init; } = CdAlgorithm.Auto;

    /// <summary>The constraints on the options <see cref="ElasticNetCV"/> adds to <see cref="LinearModelCV.OptionRules"/>.</summary>
    public static IReadOnlyList<OptionRule> OwnOptionRules { get; } =
    [
        OptionRule.RangeList<ElasticNetCV>(nameof(L1Ratios), 0, 1, e => e.L1Ratios),
        OptionRule.NonNegativeList<ElasticNetCV>(nameof(PenaltyFactor), e => e.PenaltyFactor),
        OptionRule.Defined<ElasticNetCV, CdAlgorithm>(nameof(Algorithm), e => e.Algorithm),
    ];

    /// <summary>Cross-validates, selects and refits.</summary>
    public ElasticNetCVResult Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        CheckOptions(OwnOptionRules);
        var full = CenteredDesign.Create(x, y, sampleWeight, FitIntercept);
        int n = full.N, p = full.P;
        var (folds, k) = MakeFolds(n);
        var pf = ElasticNetCore.PenaltyFactors(PenaltyFactor, p);
        double[]? user = UserAlphas();

        var grids = new double[L1Ratios.Count][];
        CoordinateDescentSolver? fullSolver = null;
        for (int r = 0; r < L1Ratios.Count; r++)
        {
            if (user is not null) { grids[r] = user; continue; }
            fullSolver ??= new CoordinateDescentSolver(full, CdAlgorithm.Naive);
            fullSolver.SetCoef(new double[p]);
            grids[r] = ElasticNetCore.Grid(ElasticNetCore.AlphaMax(fullSolver, L1Ratios[r], pf), Eps, NAlphas);
        }

        double[]? fullGram = FoldGramBase(full, folds, k);
        var (scores, notConverged) = ScoreFolds(x, y, sampleWeight, folds, k, grids, (d, test) =>
        {
            var solver = new CoordinateDescentSolver(d.X, d.Y, d.N, d.P, Algorithm, FoldGram(full, d, test, fullGram));
            return r =>
            {
                solver.SetCoef(new double[p]);
                return ElasticNetCore.RunPath(d, solver, L1Ratios[r], grids[r], pf, Positive, Tol, MaxIter);
            };
        });
        var curves = new CvCurve[L1Ratios.Count];
        int best = 0;
        for (int r = 0; r < curves.Length; r++)
        {
            curves[r] = new CvCurve(grids[r], scores[r], strongerIsLarger: true, lowerIsBetter: true, measure: "mse");
            if (curves[r].Mean[curves[r].IndexMin] < curves[best].Mean[curves[best].IndexMin]) best = r;
        }
        double alpha = SelectedAlpha(curves[best]);
        var model = new ElasticNet(alpha, L1Ratios[best])
        {
            FitIntercept = FitIntercept, Tol = Tol, MaxIter = MaxIter, Positive = Positive, PenaltyFactor = PenaltyFactor, Algorithm = Algorithm,
        }.Fit(x, y, sampleWeight);
        return new ElasticNetCVResult(L1Ratios.ToArray(), curves, best, folds, model, Selection, notConverged);
    }

    private bool UsesFoldGram(CenteredDesign full, int ntr, int nt)
    {
        bool gram = Algorithm == CdAlgorithm.Covariance || (Algorithm == CdAlgorithm.Auto && ntr > full.P && full.P <= 5000);
        return gram && FitIntercept && full.SqrtWeights is null && nt < ntr;
    }

    /// <summary>
    /// The full data's Gram matrix, formed once before the folds run (so that parallel folds share it read-only) when some fold
    /// will downdate it; null otherwise.
    /// </summary>
    private double[]? FoldGramBase(CenteredDesign full, int[] folds, int k)
    {
        int p = full.P, n = full.N;
        var counts = new int[k];
        foreach (int f in folds) counts[f]++;
        if (!counts.Any(c => UsesFoldGram(full, n - c, c))) return null;
        var g = new double[(long)p * p];
        Kernels.GramKernels.Gram(full.X, n, p, g);
        return g;
    }

    /// <summary>
    /// The fold's Gram matrix by downdating the full one (once per CV): with u_i the rows centered at the full means,
    /// <c>G_train = G_full - U_test^T U_test - n_train m m^T</c>, m the mean of u over the training rows. Costs O(n_test p^2)
    /// instead of O(n_train p^2); null (the solver forms its own) without intercept handling, with weights, or when naive updates are used.
    /// </summary>
    private double[]? FoldGram(CenteredDesign full, CenteredDesign fold, int[] test, double[]? fullGram)
    {
        int p = full.P, n = full.N, nt = test.Length, ntr = fold.N;
        if (fullGram is null || !UsesFoldGram(full, ntr, nt)) return null;
        var ut = new double[(long)nt * p];
        var m = new double[p];
        for (int j = 0; j < p; j++)
        {
            var col = full.X.AsSpan(j * n, n);
            double sumTest = 0;
            for (int i = 0; i < nt; i++) { double v = col[test[i]]; ut[(long)j * nt + i] = v; sumTest += v; }
            m[j] = -sumTest / ntr; // full columns sum to 0, so the training rows sum to -sumTest
        }
        var g = new double[(long)p * p];
        Kernels.GramKernels.Gram(ut, nt, p, g);
        for (int j = 0; j < p; j++)
            for (int i = 0; i < p; i++)
            {
                long k = (long)j * p + i;
                g[k] = fullGram[k] - g[k] - ntr * m[i] * m[j];
            }
        return g;
    }
}
