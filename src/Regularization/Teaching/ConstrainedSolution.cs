namespace Regularization.Teaching;

/// <summary>
/// The minimizer of a loss over a penalty ball <c>{w : P(w) &lt;= t}</c>, with the Lagrange multiplier that makes it the
/// minimizer of the penalized problem <c>f(w) + Multiplier · P(w)</c> (the correspondence between the budget and the penalty).
/// </summary>
/// <param name="W">The minimizer.</param>
/// <param name="Budget">The budget t.</param>
/// <param name="Multiplier">The KKT multiplier (0 when the constraint is not active).</param>
/// <param name="Active">True when the constraint binds (the unconstrained minimizer lies outside the ball).</param>
public sealed record ConstrainedSolution(double[] W, double Budget, double Multiplier, bool Active)
{
    /// <summary>Number of exactly-zero coordinates.</summary>
    public int Zeros => W.Count(v => v == 0.0);
}
