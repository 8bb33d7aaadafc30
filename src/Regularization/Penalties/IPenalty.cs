namespace Regularization.Penalties;

/// <summary>
/// A convex penalty <c>f(w)</c>: its value, a subgradient, and its proximal operator
/// <c>prox_{t f}(v) = argmin_x t f(x) + 1/2 ||x - v||_2^2</c>.
/// </summary>
public interface IPenalty
{
    /// <summary>Number of coefficients the penalty applies to, or null when it applies to any length.</summary>
    int? Length { get; }

    /// <summary><c>f(w)</c>.</summary>
    double Value(ReadOnlySpan<double> w);

    /// <summary>
    /// Writes the gradient where <c>f</c> is differentiable, and otherwise the minimum-norm subgradient
    /// (0 for the L1 term at <c>w_j = 0</c>; 0 for a group at <c>w_g = 0</c>).
    /// </summary>
    void Subgradient(ReadOnlySpan<double> w, Span<double> destination);

    /// <summary>Writes <c>prox_{step f}(v)</c> into <paramref name="destination"/> (may alias <paramref name="v"/>).</summary>
    void Prox(ReadOnlySpan<double> v, double step, Span<double> destination);
}
