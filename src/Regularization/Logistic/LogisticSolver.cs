namespace Regularization.Logistic;

/// <summary>Optimization algorithm for <see cref="LogisticRegression"/>.</summary>
public enum LogisticSolver
{
    /// <summary>
    /// Newton (IRLS with a Cholesky solve) for binary smooth problems with <c>n p^2 &lt;= 5e7</c>, L-BFGS for larger smooth problems
    /// (and multinomial), proximal Newton with coordinate descent for L1 and elastic net.
    /// </summary>
    Auto,

    /// <summary>Newton's method / IRLS with a Cholesky solve of the (p+1) x (p+1) Hessian (L2 or no penalty, binary).</summary>
    Newton,

    /// <summary>Limited-memory BFGS on the smooth objective (L2 or no penalty; binary or multinomial).</summary>
    Lbfgs,

    /// <summary>
    /// glmnet's proximal Newton: a quadratic approximation of the log-loss solved by cyclic coordinate descent with active sets,
    /// a backtracking line search on the true objective (any penalty; multinomial cycles over the classes).
    /// </summary>
    ProximalNewton,
}
