namespace Regularization.Logistic;

/// <summary>Why an iterative logistic fit stopped.</summary>
public enum LogisticStopReason
{
    /// <summary>The KKT violation (maximum absolute optimality residual, mean form) fell to the tolerance.</summary>
    Converged,

    /// <summary>The iteration limit was reached first.</summary>
    MaxIterations,

    /// <summary>
    /// Unpenalized fit on linearly separable data: some coefficient vector classifies every row correctly, so the log-loss can be
    /// driven to 0 only as the coefficients go to infinity and no maximum-likelihood estimate exists.
    /// </summary>
    Separable,

    /// <summary>The line search could not decrease the objective further (the result is at the limit of float64 accuracy).</summary>
    LineSearchStalled,
}
