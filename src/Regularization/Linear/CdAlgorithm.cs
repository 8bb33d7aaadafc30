namespace Regularization.Linear;

/// <summary>How coordinate descent evaluates the partial residual correlations.</summary>
public enum CdAlgorithm
{
    /// <summary>Covariance updates when n &gt; p (and p is at most 5000), naive updates otherwise (as scikit-learn's <c>precompute='auto'</c>).</summary>
    Auto,

    /// <summary>
    /// Covariance ("Gram") updates: <c>X^T X</c> is formed once (O(n p^2)) and each coordinate update costs O(p) (glmnet's
    /// <c>type.gaussian="covariance"</c>, scikit-learn's <c>precompute=True</c>).
    /// </summary>
    Covariance,

    /// <summary>Naive updates on the residual: each coordinate update costs O(n) (glmnet's <c>"naive"</c>).</summary>
    Naive,
}
