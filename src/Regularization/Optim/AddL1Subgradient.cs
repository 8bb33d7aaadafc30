using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// Adds the L1 subgradient <c>l1 · sign(p)</c> (sign(0) = 0) to the update: the subgradient method for <c>l1 ||w||₁</c>,
/// which oscillates around zero instead of landing on it (compare <see cref="Optimizer{T}"/>'s proximal L1 step).
/// </summary>
public sealed class AddL1Subgradient<T> : GradientTransformation<T, EmptyState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _l1;

    /// <summary>Creates the transformation; <paramref name="l1"/> must be finite and &gt;= 0.</summary>
    public AddL1Subgradient(double l1)
    {
        L1 = Guard.NonNegative(l1, nameof(l1));
        _l1 = T.CreateChecked(l1);
    }

    /// <summary>The L1 coefficient.</summary>
    public double L1 { get; }

    /// <inheritdoc />
    public override EmptyState<T> InitState(Parameter<T> parameter) => new("add_l1_subgradient");

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, EmptyState<T> state, int offset)
    {
        if (L1 != 0) OptimKernels.AddSign(updates, parameter, _l1);
    }

    /// <inheritdoc />
    public override string ToString() => $"add_l1_subgradient({F(L1)})";
}
