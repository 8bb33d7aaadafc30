namespace Regularization.Logistic;

/// <summary>Result of one solve in the mean form: coefficients (block k of length p at k*p), intercepts, and the stopping record.</summary>
internal sealed record SolverOutcome(
    double[] Beta,
    double[] Intercept,
    int Iterations,
    double Kkt,
    LogisticStopReason Reason,
    double Objective)
{
    /// <summary>Binary proximal Newton only: <c>X w + b</c> at the solution (reused to warm-start the next path point).</summary>
    public double[]? Eta { get; init; }

    /// <summary>Binary proximal Newton only: minus the loss gradient <c>X^T r</c> for every feature at the solution (for the strong rule).</summary>
    public double[]? NegativeGradient { get; init; }

    public bool Converged => Reason == LogisticStopReason.Converged;
}
