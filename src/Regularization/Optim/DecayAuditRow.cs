using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>One row of the decay audit: which tensor is decayed, how, and why.</summary>
/// <param name="Group">Group name.</param>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Shape">Shape as text.</param>
/// <param name="Role">Role of the parameter.</param>
/// <param name="Decayed">Whether any weight decay applies.</param>
/// <param name="Coefficient">Decay coefficient (0 if none).</param>
/// <param name="Kind">"coupled L2", "decoupled", "proximal L1" or "none".</param>
/// <param name="Reason">Why (the transformation that decays it, or the rule that excludes it).</param>
public sealed record DecayAuditRow(string Group, string Parameter, string Shape, ParameterRole Role, bool Decayed, double Coefficient, string Kind, string Reason);
