namespace Regularization.Logistic;

/// <summary>Score used by LogisticRegressionCV on the held-out fold (glmnet's <c>type.measure</c>).</summary>
public enum LogisticCvMeasure
{
    /// <summary>Mean deviance <c>-2/n sum log p(y_i | x_i)</c> (lower is better).</summary>
    Deviance,

    /// <summary>Misclassification rate (lower is better).</summary>
    Misclassification,

    /// <summary>Area under the ROC curve, binary only (higher is better).</summary>
    Auc,
}
