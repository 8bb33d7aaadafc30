namespace Regularization.Optim;

/// <summary>How a parameter is decayed: the coefficient, whether the decay is coupled (goes through Adam's moments) and what multiplies it.</summary>
/// <param name="Coefficient">The decay coefficient lambda.</param>
/// <param name="Coupled">True when the decay is added to the gradient before a preconditioner (L2 in Adam).</param>
/// <param name="MultipliedBy">What scales the decay term in the final step, e.g. <c>lr</c>, <c>lr·schedule</c>, <c>schedule</c> or <c>1</c>.</param>
/// <param name="Source">The transformation that adds it.</param>
public sealed record DecayInfo(double Coefficient, bool Coupled, string MultipliedBy, string Source);
