using System.Numerics;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>No-decay rules: predicates that say which parameters are excluded from weight decay.</summary>
public static class NoDecay
{
    /// <summary>Biases and normalization parameters (role <see cref="ParameterRole.Bias"/> or <see cref="ParameterRole.Norm"/>), or any 1-d tensor.</summary>
    public static bool BiasAndNorm<T>(Parameter<T> p) where T : unmanaged, IFloatingPointIeee754<T> =>
        p.Role is ParameterRole.Bias or ParameterRole.Norm || p.Shape.Length <= 1;

    /// <summary>Nothing excluded.</summary>
    public static bool None<T>(Parameter<T> p) where T : unmanaged, IFloatingPointIeee754<T> => false;

    /// <summary>Why <see cref="BiasAndNorm{T}"/> excludes (or keeps) a parameter.</summary>
    public static string Explain<T>(Parameter<T> p) where T : unmanaged, IFloatingPointIeee754<T> =>
        p.Role is ParameterRole.Bias or ParameterRole.Norm ? $"role {p.Role}"
        : p.Shape.Length <= 1 ? $"1-d tensor {p.ShapeText}"
        : $"{p.Shape.Length}-d {p.Role}";
}
