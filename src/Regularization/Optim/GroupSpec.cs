using System.Numerics;

namespace Regularization.Optim;

/// <summary>A parameter group with the transformation chain that updates it and an optional proximal L1 step.</summary>
/// <param name="Group">The parameters and their group hyperparameters.</param>
/// <param name="Transform">The chain applied to every parameter of the group.</param>
/// <param name="Proximal">Optional soft-threshold after the update.</param>
/// <param name="ProximalApplies">Which parameters the proximal step applies to (null = all; the no-decay rule excludes biases).</param>
public sealed record GroupSpec<T>(ParamGroup<T> Group, GradientTransformation<T> Transform, ProximalL1? Proximal = null,
    Func<Parameter<T>, bool>? ProximalApplies = null)
    where T : unmanaged, IFloatingPointIeee754<T>;
