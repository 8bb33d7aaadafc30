using System.Numerics.Tensors;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Penalties;

/// <summary>The lasso penalty <c>f(w) = Lambda ||w||_1</c>; its prox is soft-thresholding at <c>step Lambda</c>.</summary>
public sealed class L1Penalty : IPenalty
{
    /// <summary>Creates the penalty; <paramref name="lambda"/> must be finite and &gt;= 0.</summary>
    public L1Penalty(double lambda) => Lambda = Guard.NonNegative(lambda, nameof(lambda));

    /// <summary>The penalty strength.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public int? Length => null;

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> w) => Lambda * TensorPrimitives.SumOfMagnitudes(w);

    /// <inheritdoc />
    public void Subgradient(ReadOnlySpan<double> w, Span<double> destination)
    {
        for (int i = 0; i < w.Length; i++) destination[i] = Lambda * Math.Sign(w[i]);
    }

    /// <inheritdoc />
    public void Prox(ReadOnlySpan<double> v, double step, Span<double> destination) =>
        ProxKernels.SoftThreshold(v, Guard.NonNegative(step, nameof(step)) * Lambda, destination);
}
