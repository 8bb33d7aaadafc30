namespace Regularization.Teaching;

/// <summary>One budget t of a <see cref="BudgetSweep"/>: the L1 and L2 balls of radius t and the constrained minimizers on them.</summary>
/// <param name="Budget">The budget t.</param>
/// <param name="L1Ball">Boundary of <c>{||w||₁ &lt;= t}</c>.</param>
/// <param name="L2Ball">Boundary of <c>{||w||₂ &lt;= t}</c>.</param>
/// <param name="L1">Minimizer over the L1 ball.</param>
/// <param name="L2">Minimizer over the L2 ball.</param>
public sealed record BudgetFrame(double Budget, Curve2D L1Ball, Curve2D L2Ball, ConstrainedSolution L1, ConstrainedSolution L2);
