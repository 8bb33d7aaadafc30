using MathNet.Numerics.LinearAlgebra;
using Regularization.CrossValidation;
using Regularization.Data;
using Regularization.Validation;

namespace Regularization.Logistic;

/// <summary>
/// k-fold cross-validation of a logistic regularization path (glmnet's <c>cv.glmnet</c>, scikit-learn's <c>LogisticRegressionCV</c>).
/// The lambda grid is computed once on all rows (glmnet's grid from lambda_max, a user lambda grid, or a C grid converted with
/// <c>lambda = 1/(C W)</c>, W the full data's weight sum) and every fold fits the same lambdas on its training rows with warm starts.
/// Held-out rows are scored by deviance, misclassification or AUC; the curve's mean and standard error give
/// <see cref="LogisticRegressionCVResult.LambdaMin"/> and the one-standard-error choice <see cref="LogisticRegressionCVResult.Lambda1Se"/>
/// (and the equivalent C values). The returned models are the full-data path's fits at those lambdas.
/// </summary>
public sealed class LogisticRegressionCV
{
    private readonly LogisticRegression _estimator;
    private readonly int[]? _foldIds;
    private readonly double[]? _lambdas;
    private readonly double[]? _cs;

    /// <summary>Creates the cross-validator.</summary>
    /// <param name="penalty">L2, L1 or ElasticNet.</param>
    /// <param name="l1Ratio">L1 share for the elastic net.</param>
    /// <param name="measure">Held-out score (AUC is binary only).</param>
    /// <param name="folds">Number of folds when <paramref name="foldIds"/> is null.</param>
    /// <param name="seed">Seed of the fold assignment: null (default) for contiguous folds, a seed for shuffled ones; the policy of
    /// <see cref="Linear.LinearModelCV.Seed"/> (<see cref="Splits.Folds"/>), so one seed means one fold assignment in every family.</param>
    /// <param name="foldIds">Explicit fold id (0..k-1) of every row.</param>
    /// <param name="lambdas">User lambda grid (glmnet form).</param>
    /// <param name="cs">User C grid (scikit-learn form); exclusive with <paramref name="lambdas"/>.</param>
    /// <param name="nLambdas">Grid size when no grid is given.</param>
    /// <param name="lambdaMinRatio">Smallest lambda / lambda_max (glmnet's default when null).</param>
    /// <param name="fitIntercept">Fit an intercept.</param>
    /// <param name="tol">KKT tolerance of every fit.</param>
    /// <param name="maxIter">Maximum outer iterations per fit.</param>
    /// <param name="solver">Solver.</param>
    /// <param name="multiClass">Binary, multinomial or automatic.</param>
    /// <param name="classWeight">Class weights (recomputed on each fold's training rows for Balanced).</param>
    /// <param name="penaltyFactor">Per-feature penalty factors.</param>
    public LogisticRegressionCV(LogisticPenalty penalty = LogisticPenalty.L2, double l1Ratio = 0.5, LogisticCvMeasure measure = LogisticCvMeasure.Deviance,
        int folds = 5, int? seed = null, IReadOnlyList<int>? foldIds = null, IReadOnlyList<double>? lambdas = null, IReadOnlyList<double>? cs = null,
        int nLambdas = 100, double? lambdaMinRatio = null, bool fitIntercept = true, double tol = 1e-4, int maxIter = 1000,
        LogisticSolver solver = LogisticSolver.Auto, MultiClass multiClass = MultiClass.Auto, ClassWeight? classWeight = null,
        IReadOnlyList<double>? penaltyFactor = null)
    {
        if (penalty == LogisticPenalty.None)
            throw new ArgumentException("penalty = None is not allowed: cross-validation chooses a penalty strength; use L2, L1 or ElasticNet.", nameof(penalty));
        if (lambdas is not null && cs is not null)
            throw new ArgumentException("lambdas and cs were both given: pass one grid.", nameof(cs));
        _estimator = new LogisticRegression(1.0, penalty, l1Ratio, fitIntercept, tol, maxIter, solver, multiClass, classWeight, penaltyFactor);
        Measure = measure;
        Folds = folds;
        Seed = seed;
        _foldIds = foldIds?.ToArray();
        _lambdas = lambdas?.ToArray();
        _cs = cs?.ToArray();
        NLambdas = nLambdas;
        LambdaMinRatio = lambdaMinRatio;
        OptionRule.CheckAll(this, OptionRules);   // the estimator's own options were checked by its constructor
        if (_lambdas is not null) _lambdas = Grids.UserGrid(_lambdas, nameof(lambdas));
    }

    /// <summary>
    /// The constraints on the options this cross-validator adds to <see cref="LogisticRegression.OptionRules"/> (which the
    /// constructor checks for the shared ones); names are the constructor's parameters.
    /// </summary>
    public static IReadOnlyList<OptionRule> OptionRules { get; } =
    [
        OptionRule.Defined<LogisticRegressionCV, LogisticCvMeasure>("measure", e => e.Measure),
        OptionRule.AtLeast<LogisticRegressionCV>("folds", 2, e => e.Folds),
        OptionRule.NonNegativeList<LogisticRegressionCV>("lambdas", e => e._lambdas),
        OptionRule.PositiveList<LogisticRegressionCV>("cs", e => e._cs),
        OptionRule.AtLeast<LogisticRegressionCV>("nLambdas", 1, e => e.NLambdas),
        OptionRule.InOpenRangeOrNull<LogisticRegressionCV>("lambdaMinRatio", 0, 1, e => e.LambdaMinRatio),
        OptionRule.Parallelism<LogisticRegressionCV>(nameof(MaxDegreeOfParallelism), e => e.MaxDegreeOfParallelism),
    ];

    /// <summary>
    /// Folds fitted at once (default -1: every core; 1 for the sequential loop). The results do not depend on it: every fold is
    /// computed alone and written to its own slots. Checked at the start of <see cref="Fit"/>.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The estimator whose path every fold fits (penalty, l1 ratio, tolerance, solver, weights and factors).</summary>
    public LogisticRegression Estimator => _estimator;

    /// <summary>The held-out score.</summary>
    public LogisticCvMeasure Measure { get; }

    /// <summary>Number of folds when no fold ids are given.</summary>
    public int Folds { get; }

    /// <summary>Seed of the fold assignment (null: contiguous folds).</summary>
    public int? Seed { get; }

    /// <summary>Grid size when no grid is given.</summary>
    public int NLambdas { get; }

    /// <summary>Smallest lambda / lambda_max, or null for glmnet's default.</summary>
    public double? LambdaMinRatio { get; }

    /// <summary>Runs the cross-validation and returns the curve, the choices and the full-data path.</summary>
    public LogisticRegressionCVResult Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        OptionRule.CheckAll(this, OptionRules);
        var d = LogisticData.Create(x, y, sampleWeight, _estimator.ClassWeight, _estimator.MultiClass);
        if (Measure == LogisticCvMeasure.Auc && d.Multinomial)
            throw new ArgumentException($"measure = Auc is for two classes; y has {d.K} (or multiClass = Multinomial): use Deviance or Misclassification.", nameof(Measure));
        int n = d.N;
        var fold = _foldIds ?? Splits.Folds(n, Folds, Seed);
        int k = Splits.ValidateFoldIds(fold, n, "foldIds");
        double[]? grid = _lambdas ?? _cs?.Select(c => 1.0 / (c * d.WeightSum)).OrderByDescending(v => v).ToArray();
        var full = _estimator.PathOn(d, grid, NLambdas, LambdaMinRatio);
        grid = full.Lambdas;
        var scores = Matrix<double>.Build.Dense(grid.Length, k);
        var skipped = new List<int>();
        for (int f = 0; f < k; f++)   // every fold's class check before any fold is fitted
        {
            var (train, test) = Splits.Fold(fold, f);
            var missing = MissingClasses(d, train);
            if (missing.Length > 0)
                throw new ArgumentException(
                    $"fold {f} leaves class{(missing.Length > 1 ? "es" : "")} {string.Join(", ", missing.Select(c => c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} out of its {train.Length} training rows " +
                    $"(y has {d.K} classes; a model trained without a class cannot score it): use fewer folds, fold ids that spread every class over the folds, or more rows.", _foldIds is null ? "folds" : "foldIds");
            if (Measure == LogisticCvMeasure.Auc && test.Select(i => d.Label[i]).Distinct().Count() < 2)
                skipped.Add(f);   // AUC is undefined on a test fold holding one class: the fold is left out of the curve
        }
        if (k - skipped.Count < 2)
            throw new ArgumentException(
                $"measure = Auc needs both classes in the test rows of at least 2 folds, but {skipped.Count} of the {k} folds hold one class only: use Deviance or Misclassification, fewer folds, or fold ids that spread both classes.", nameof(Measure));
        var ncByFold = new List<(int Fold, int LambdaIndex)>[k];
        FoldRunner.For(k, MaxDegreeOfParallelism, f =>
        {
            var nc = ncByFold[f] = [];
            if (skipped.Contains(f)) return;
            var (train, test) = Splits.Fold(fold, f);
            var xTr = MatrixOps.SelectRows(x, train);
            var yTr = MatrixOps.SelectRows(y, train);
            var swTr = sampleWeight is null ? null : MatrixOps.SelectRows(sampleWeight, train);
            var dTr = LogisticData.Create(xTr, yTr, swTr, _estimator.ClassWeight, d.Multinomial ? MultiClass.Multinomial : MultiClass.Binary);
            var path = _estimator.PathOn(dTr, grid, grid.Length, null);
            var xTe = MatrixOps.SelectRows(x, test);
            var labels = test.Select(i => d.Label[i]).ToArray();
            double[]? wTe = sampleWeight is null ? null : test.Select(i => sampleWeight[i]).ToArray();
            for (int l = 0; l < grid.Length; l++)
            {
                var model = path.Models[l];
                if (!model.Converged) nc.Add((f, l));
                scores[l, f] = Measure switch
                {
                    LogisticCvMeasure.Deviance => ClassificationMetrics.Deviance(model.PredictProbability(xTe), labels, wTe),
                    LogisticCvMeasure.Misclassification => ClassificationMetrics.Misclassification(model.PredictProbability(xTe), labels, wTe),
                    _ => ClassificationMetrics.Auc(model.DecisionFunction(xTe).Column(0).ToArray(), labels.Select(c => c == 1).ToArray()),
                };
            }
        });
        var notConverged = ncByFold.SelectMany(l => l).ToList();
        if (skipped.Count > 0)
        {
            var kept = Enumerable.Range(0, k).Where(f => !skipped.Contains(f)).ToArray();
            scores = Matrix<double>.Build.Dense(grid.Length, kept.Length, (i, j) => scores[i, kept[j]]);
        }
        var curve = new CvCurve(grid, scores, strongerIsLarger: true, lowerIsBetter: Measure != LogisticCvMeasure.Auc,
            measure: Measure.ToString().ToLowerInvariant());
        return new LogisticRegressionCVResult(curve, full, fold, notConverged, skipped);
    }

    private static double[] MissingClasses(LogisticData d, int[] train)
    {
        var seen = new bool[d.K];
        foreach (int i in train) seen[d.Label[i]] = true;
        return Enumerable.Range(0, d.K).Where(c => !seen[c]).Select(c => d.Classes[c]).ToArray();
    }
}
