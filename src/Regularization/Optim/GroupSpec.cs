using System.Numerics;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>A parameter group with the transformation chain that updates it, an optional proximal L1 step and, for the named
/// optimizers, the fused kernel that does the same as the chain in one pass.</summary>
/// <param name="Group">The parameters and their group hyperparameters.</param>
/// <param name="Transform">The chain applied to every parameter of the group.</param>
/// <param name="Proximal">Optional soft-threshold after the update.</param>
/// <param name="ProximalApplies">Which parameters the proximal step applies to (null = all; the no-decay rule excludes biases).</param>
/// <param name="Fused">The fused step of <paramref name="Transform"/>, or null (a hand-built chain runs transformation by transformation).</param>
public sealed record GroupSpec<T>(ParamGroup<T> Group, GradientTransformation<T> Transform, ProximalL1? Proximal = null,
    Func<Parameter<T>, bool>? ProximalApplies = null, FusedStep<T>? Fused = null)
    where T : unmanaged, IFloatingPointIeee754<T>;
