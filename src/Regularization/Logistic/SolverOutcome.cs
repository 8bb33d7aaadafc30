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
    public bool Converged => Reason == LogisticStopReason.Converged;
}
