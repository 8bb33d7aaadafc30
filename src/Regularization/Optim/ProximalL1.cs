using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// The proximal L1 step applied after each update: <c>p ← soft(p, L1 · lr · schedule[t])</c>, the proximal-gradient method
/// for <c>L1 ||w||₁</c>, which sets small weights exactly to zero (unlike <see cref="AddL1Subgradient{T}"/>).
/// </summary>
/// <param name="L1">L1 coefficient (finite, &gt;= 0).</param>
/// <param name="LearningRate">Step size the threshold is scaled by.</param>
/// <param name="Schedule">Optional schedule multiplying the step size.</param>
public sealed record ProximalL1(double L1, double LearningRate, Schedule? Schedule = null)
{
    /// <summary>L1 coefficient.</summary>
    public double L1 { get; } = Guard.NonNegative(L1, nameof(L1));

    /// <summary>Step size.</summary>
    public double LearningRate { get; } = Guard.NonNegative(LearningRate, nameof(LearningRate));

    /// <summary>The threshold at update count <paramref name="t"/> (0-based).</summary>
    public double Threshold(long t) => L1 * LearningRate * (Schedule?[t] ?? 1.0);
}
