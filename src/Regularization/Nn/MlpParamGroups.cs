using System.Numerics;
using Regularization.Optim;

namespace Regularization.Nn;

/// <summary>Parameter groups of an <see cref="Mlp{T}"/> for the optimizers (kept apart so the model itself does not depend on <c>Optim</c>).</summary>
public static class MlpParamGroups
{
    /// <summary>Two parameter groups, "weights" and "biases" (which holds the normalization parameters too), for per-group
    /// learning rates or decays; the biases' weight decay is <paramref name="biasWeightDecay"/> (null = the optimizer's).</summary>
    public static IReadOnlyList<ParamGroup<T>> Groups<T>(this Mlp<T> model, double? biasWeightDecay = 0.0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return [new ParamGroup<T>("weights", model.Weights), new ParamGroup<T>("biases", model.Biases, WeightDecay: biasWeightDecay)];
    }
}
