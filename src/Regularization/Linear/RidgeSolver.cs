namespace Regularization.Linear;

/// <summary>How <see cref="Ridge"/> solves its normal equations.</summary>
public enum RidgeSolver
{
    /// <summary>Cholesky on <c>X^T X + alpha I</c> when n &gt;= p, the dual <c>(X X^T + alpha I) a = y, w = X^T a</c> when p &gt; n.</summary>
    Auto,

    /// <summary>Cholesky factorization of the p x p primal system <c>X^T X + alpha I</c>.</summary>
    Cholesky,

    /// <summary>Cholesky factorization of the n x n dual (kernel) system <c>X X^T + alpha I</c>; cheaper when p &gt; n.</summary>
    Dual,

    /// <summary>Eigendecomposition of the Gram (or kernel) matrix, equivalent to the SVD of X; best when many alphas share one X.</summary>
    Svd,
}
