using Regularization.CrossValidation;

namespace Regularization.Logistic;

/// <summary>The outcome of <see cref="LogisticRegressionCV.Fit"/>: the CV curve over lambda, the two choices, and the full-data path.</summary>
public sealed class LogisticRegressionCVResult
{
    internal LogisticRegressionCVResult(CvCurve curve, LogisticPath path, int[] foldIds, IReadOnlyList<(int Fold, int LambdaIndex)> notConverged,
        IReadOnlyList<int>? skippedFolds = null)
    {
        SkippedFolds = skippedFolds ?? [];
        Curve = curve;
        Path = path;
        FoldIds = foldIds;
        NotConverged = notConverged;
    }

    /// <summary>Per-fold scores, their mean and standard error at every lambda (grid = <see cref="Lambdas"/>).</summary>
    public CvCurve Curve { get; }

    /// <summary>The path fitted on all rows.</summary>
    public LogisticPath Path { get; }

    /// <summary>The fold id of every row.</summary>
    public int[] FoldIds { get; }

    /// <summary>(fold, lambda index) of every fold fit that did not converge (empty when all did).</summary>
    public IReadOnlyList<(int Fold, int LambdaIndex)> NotConverged { get; }

    /// <summary>
    /// Folds left out of the curve because their test rows hold a single class (AUC is undefined there); empty otherwise.
    /// <see cref="Curve"/>'s columns are the remaining folds, in order.
    /// </summary>
    public IReadOnlyList<int> SkippedFolds { get; }

    /// <summary>The lambda grid (descending).</summary>
    public double[] Lambdas => Path.Lambdas;

    /// <summary>The grid as scikit-learn C values (<c>1/(lambda W)</c>, W of all rows), ascending.</summary>
    public double[] Cs => Path.Cs;

    /// <summary>Index of the best mean score.</summary>
    public int IndexMin => Curve.IndexMin;

    /// <summary>Index chosen by the one-standard-error rule (the strongest penalty within one SE of the best).</summary>
    public int Index1Se => Curve.Index1Se;

    /// <summary>The lambda with the best mean score (glmnet's <c>lambda.min</c>).</summary>
    public double LambdaMin => Lambdas[IndexMin];

    /// <summary>The one-standard-error lambda (glmnet's <c>lambda.1se</c>).</summary>
    public double Lambda1Se => Lambdas[Index1Se];

    /// <summary>
    /// <see cref="LambdaMin"/> under the linear estimators' name (<c>ElasticNetCVResult.AlphaMin</c>): the penalty multiplying the
    /// mean-form objective's penalty term in both families.
    /// </summary>
    public double AlphaMin => LambdaMin;

    /// <summary><see cref="Lambda1Se"/> under the linear estimators' name (<c>ElasticNetCVResult.Alpha1Se</c>).</summary>
    public double Alpha1Se => Lambda1Se;

    /// <summary>The C equivalent to <see cref="LambdaMin"/> (scikit-learn's <c>C_</c>).</summary>
    public double CMin => Path.Models[IndexMin].C;

    /// <summary>The C equivalent to <see cref="Lambda1Se"/>.</summary>
    public double C1Se => Path.Models[Index1Se].C;

    /// <summary>The full-data model at <see cref="LambdaMin"/>.</summary>
    public LogisticModel Model => Path.Models[IndexMin];

    /// <summary>The full-data model at <see cref="Lambda1Se"/>.</summary>
    public LogisticModel Model1Se => Path.Models[Index1Se];
}
