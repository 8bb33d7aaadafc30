using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// Adds <c>weightDecay · p</c> to the update (optax <c>add_decayed_weights</c>). Placed before <see cref="ScaleByAdam{T}"/> it is
/// the coupled L2 penalty of <c>torch.optim.Adam(weight_decay=…)</c> (gradient of <c>(λ/2)||w||²</c>); placed after it, the
/// decoupled decay of AdamW.
/// </summary>
public sealed class AddDecayedWeights<T> : GradientTransformation<T, EmptyState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _wd;

    /// <summary>Creates the transformation; <paramref name="weightDecay"/> must be finite and &gt;= 0.</summary>
    public AddDecayedWeights(double weightDecay)
    {
        WeightDecay = Guard.NonNegative(weightDecay, nameof(weightDecay));
        _wd = T.CreateChecked(weightDecay);
    }

    /// <summary>The decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public override EmptyState<T> InitState(Parameter<T> parameter) => new("add_decayed_weights");

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, EmptyState<T> state, int offset)
    {
        if (WeightDecay != 0) OptimKernels.AddScaled(updates, parameter, _wd);
    }

    /// <inheritdoc />
    public override DecayInfo? DescribeDecay(Parameter<T> parameter) =>
        WeightDecay == 0 ? null : new DecayInfo(WeightDecay, false, "1", ToString());

    /// <inheritdoc />
    public override string ToString() => $"add_decayed_weights({F(WeightDecay)})";
}
