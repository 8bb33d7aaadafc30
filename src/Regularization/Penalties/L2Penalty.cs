using System.Numerics.Tensors;
using Regularization.Validation;

namespace Regularization.Penalties;

/// <summary>
/// The squared L2 (ridge, weight-decay) penalty <c>f(w) = Lambda / 2 ||w||_2^2</c>; gradient <c>Lambda w</c>;
/// prox <c>v / (1 + step Lambda)</c>. (scikit-learn's <c>Ridge(alpha)</c> uses <c>alpha ||w||^2</c>, that is Lambda = 2 alpha.)
/// </summary>
public sealed class L2Penalty : IPenalty
{
    /// <summary>Creates the penalty; <paramref name="lambda"/> must be finite and &gt;= 0.</summary>
    public L2Penalty(double lambda) => Lambda = Guard.NonNegative(lambda, nameof(lambda));

    /// <summary>The penalty strength.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public int? Length => null;

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> w) => 0.5 * Lambda * TensorPrimitives.SumOfSquares(w);

    /// <inheritdoc />
    public void Subgradient(ReadOnlySpan<double> w, Span<double> destination) =>
        TensorPrimitives.Multiply(w, Lambda, destination[..w.Length]);

    /// <inheritdoc />
    public void Prox(ReadOnlySpan<double> v, double step, Span<double> destination) =>
        TensorPrimitives.Divide(v, 1.0 + Guard.NonNegative(step, nameof(step)) * Lambda, destination[..v.Length]);
}
