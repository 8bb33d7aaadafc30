namespace Regularization.Linear;

/// <summary>Which alpha a cross-validated estimator refits at.</summary>
public enum CvSelection
{
    /// <summary>The alpha with the lowest mean CV error (scikit-learn's <c>alpha_</c>, glmnet's <c>lambda.min</c>).</summary>
    Min,

    /// <summary>The largest alpha whose mean CV error is within one standard error of the minimum (glmnet's <c>lambda.1se</c>).</summary>
    OneStandardError,
}
