using System.Numerics.Tensors;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Penalties;

/// <summary>
/// The elastic-net penalty in scikit-learn's form
/// <c>f(w) = Alpha (L1Ratio ||w||_1 + (1 - L1Ratio) / 2 ||w||_2^2)</c>;
/// prox <c>soft(v, step Alpha L1Ratio) / (1 + step Alpha (1 - L1Ratio))</c>.
/// L1Ratio = 1 is the lasso, L1Ratio = 0 the ridge (with the 1/2).
/// </summary>
public sealed class ElasticNetPenalty : IPenalty
{
    /// <summary>Creates the penalty; <paramref name="alpha"/> &gt;= 0 and <paramref name="l1Ratio"/> in [0, 1].</summary>
    public ElasticNetPenalty(double alpha, double l1Ratio)
    {
        Alpha = Guard.NonNegative(alpha, nameof(alpha));
        L1Ratio = Guard.InClosedRange(l1Ratio, 0, 1, nameof(l1Ratio));
    }

    /// <summary>Overall strength.</summary>
    public double Alpha { get; }

    /// <summary>Share of the L1 term, in [0, 1].</summary>
    public double L1Ratio { get; }

    /// <inheritdoc />
    public int? Length => null;

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> w) =>
        Alpha * (L1Ratio * TensorPrimitives.SumOfMagnitudes(w) + 0.5 * (1 - L1Ratio) * TensorPrimitives.SumOfSquares(w));

    /// <inheritdoc />
    public void Subgradient(ReadOnlySpan<double> w, Span<double> destination)
    {
        for (int i = 0; i < w.Length; i++)
            destination[i] = Alpha * (L1Ratio * Math.Sign(w[i]) + (1 - L1Ratio) * w[i]);
    }

    /// <inheritdoc />
    public void Prox(ReadOnlySpan<double> v, double step, Span<double> destination)
    {
        double t = Guard.NonNegative(step, nameof(step)) * Alpha;
        ProxKernels.SoftThreshold(v, t * L1Ratio, destination);
        TensorPrimitives.Divide(destination[..v.Length], 1.0 + t * (1 - L1Ratio), destination[..v.Length]);
    }
}
