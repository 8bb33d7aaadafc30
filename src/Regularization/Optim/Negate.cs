using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>
/// Negates the update (optax <c>scale(-1)</c>): first in a chain it is torch's <c>maximize=True</c>, which ascends the objective
/// by descending on <c>−grad</c> before any weight decay is added.
/// </summary>
public sealed class Negate<T> : GradientTransformation<T, EmptyState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override EmptyState<T> InitState(Parameter<T> parameter) => new("negate");

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, EmptyState<T> state, int offset) =>
        OptimKernels.Scale(updates, T.NegativeOne);

    /// <inheritdoc />
    public override string ToString() => "negate (maximize)";
}
