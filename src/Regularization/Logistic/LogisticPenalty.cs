namespace Regularization.Logistic;

/// <summary>Penalty of a <see cref="LogisticRegression"/> (the intercept is never penalized).</summary>
public enum LogisticPenalty
{
    /// <summary>No penalty: the plain maximum-likelihood fit (it does not exist on separable data; see <see cref="LogisticStopReason.Separable"/>).</summary>
    None,

    /// <summary>Ridge: <c>1/2 ||w||_2^2</c> (scikit-learn form) or <c>lambda/2 ||w||_2^2</c> (glmnet form).</summary>
    L2,

    /// <summary>Lasso: <c>||w||_1</c> or <c>lambda ||w||_1</c>.</summary>
    L1,

    /// <summary>Elastic net: <c>l1Ratio ||w||_1 + (1 - l1Ratio)/2 ||w||_2^2</c> (times lambda in the glmnet form).</summary>
    ElasticNet,
}
