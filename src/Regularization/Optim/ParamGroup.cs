using System.Numerics;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>
/// A parameter group, as in PyTorch: its parameters and any hyperparameter torch lets a group override (null = the
/// optimizer's value). Which ones apply depends on the optimizer, as in torch: SGD uses <see cref="LearningRate"/>,
/// <see cref="Momentum"/>, <see cref="Dampening"/>, <see cref="WeightDecay"/>, <see cref="Nesterov"/>, <see cref="Maximize"/>;
/// Adam and AdamW use <see cref="LearningRate"/>, <see cref="Betas"/>, <see cref="Eps"/>, <see cref="WeightDecay"/>,
/// <see cref="Amsgrad"/>, <see cref="Maximize"/>. Setting one the optimizer does not use throws (torch would ignore it silently).
/// </summary>
/// <param name="Name">Group name, shown in reports.</param>
/// <param name="Parameters">The parameters of the group.</param>
/// <param name="LearningRate">torch <c>lr</c>.</param>
/// <param name="WeightDecay">torch <c>weight_decay</c>.</param>
/// <param name="Betas">torch <c>betas</c> (Adam, AdamW).</param>
/// <param name="Eps">torch <c>eps</c> (Adam, AdamW).</param>
/// <param name="Amsgrad">torch <c>amsgrad</c> (Adam, AdamW).</param>
/// <param name="Momentum">torch <c>momentum</c> (SGD).</param>
/// <param name="Dampening">torch <c>dampening</c> (SGD).</param>
/// <param name="Nesterov">torch <c>nesterov</c> (SGD).</param>
/// <param name="Maximize">torch <c>maximize</c>: ascend instead of descend.</param>
public sealed record ParamGroup<T>(string Name, IReadOnlyList<Parameter<T>> Parameters, double? LearningRate = null, double? WeightDecay = null,
    (double Beta1, double Beta2)? Betas = null, double? Eps = null, bool? Amsgrad = null,
    double? Momentum = null, double? Dampening = null, bool? Nesterov = null, bool? Maximize = null)
    where T : unmanaged, IFloatingPointIeee754<T>;
