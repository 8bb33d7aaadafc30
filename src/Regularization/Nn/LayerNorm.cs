using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Nn;

/// <summary>
/// Layer normalization of a hidden layer's outputs, as PyTorch's <c>nn.LayerNorm(features)</c> with ε = 1e-5: each row is
/// centred and scaled to unit (population) variance, then multiplied by <c>γ</c> (<c>{name}.weight</c>, initialized to 1)
/// and shifted by <c>β</c> (<c>{name}.bias</c>, initialized to 0). Both parameters have role <see cref="ParameterRole.Norm"/>,
/// so the optimizers' no-decay rule <c>NoDecay.BiasAndNorm</c> keeps them out of weight decay.
/// </summary>
/// <remarks>
/// The layer before a normalization needs no bias, and without one its weight matrix is <b>scale-invariant</b>: multiplying
/// it by any c &gt; 0 leaves the network's output unchanged (up to ε). Weight decay then cannot make the function simpler; it
/// only shrinks the weights, which raises the effective step size. This is how decay acts in normalized networks such as the
/// ResNets of Loshchilov and Hutter (2019).
/// </remarks>
public sealed class LayerNorm<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _xhat = [];
    private T[] _rstd = [];

    /// <summary>Creates <c>γ = 1, β = 0</c> over <paramref name="features"/> features.</summary>
    public LayerNorm(string name, int features, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(name);
        Features = Guard.AtLeast(features, 1, nameof(features));
        Eps = Guard.Positive(eps, nameof(eps));
        Gamma = new Parameter<T>(name + ".weight", [features], ParameterRole.Norm);
        Beta = new Parameter<T>(name + ".bias", [features], ParameterRole.Norm);
        Array.Fill(Gamma.Value, T.One);
    }

    /// <summary>Features normalized.</summary>
    public int Features { get; }

    /// <summary>The ε added to the variance.</summary>
    public double Eps { get; }

    /// <summary>The scale <c>γ</c> (<c>{name}.weight</c>).</summary>
    public Parameter<T> Gamma { get; }

    /// <summary>The shift <c>β</c> (<c>{name}.bias</c>).</summary>
    public Parameter<T> Beta { get; }

    /// <summary>Normalizes a batch of rows in place (keeping what the backward pass needs).</summary>
    public void Forward(Span<T> z, int batch)
    {
        if (_rstd.Length < batch) { _rstd = new T[batch]; _xhat = new T[batch * Features]; }
        LayerNormKernels.Forward<T>(z, batch, Features, Gamma.Value, Beta.Value, T.CreateTruncating(Eps), _xhat, _rstd, z);
    }

    /// <summary>Overwrites the gradients of <c>γ</c> and <c>β</c> and turns the output gradient <paramref name="dz"/> into the input gradient, in place.</summary>
    public void Backward(Span<T> dz, int batch) =>
        LayerNormKernels.Backward<T>(dz, _xhat, _rstd, batch, Features, Gamma.Value, Gamma.Grad, Beta.Grad, dz);
}
