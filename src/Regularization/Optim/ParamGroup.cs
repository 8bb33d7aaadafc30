using System.Numerics;

namespace Regularization.Optim;

/// <summary>
/// A parameter group, as in PyTorch: its own learning rate and weight decay (null = the optimizer's default).
/// </summary>
/// <param name="Name">Group name, shown in reports.</param>
/// <param name="Parameters">The parameters of the group.</param>
/// <param name="LearningRate">Learning rate of this group, or null for the optimizer's.</param>
/// <param name="WeightDecay">Weight decay of this group, or null for the optimizer's.</param>
public sealed record ParamGroup<T>(string Name, IReadOnlyList<Parameter<T>> Parameters, double? LearningRate = null, double? WeightDecay = null)
    where T : unmanaged, IFloatingPointIeee754<T>;
