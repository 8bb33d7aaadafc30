using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;

namespace Regularization.Nn;

/// <summary>
/// A dense layer <c>z = x Wᵀ + b</c> with PyTorch's layout and initialization (<c>nn.Linear</c>: W and b uniform on
/// <c>[−1/sqrt(in), 1/sqrt(in)]</c>). Parameters are named <c>{name}.weight</c> (role Weight, shape <c>[out, in]</c>) and
/// <c>{name}.bias</c> (role Bias). A layer followed by a normalization is created without a bias (PyTorch's
/// <c>nn.Linear(bias=False)</c>): the normalization removes it anyway.
/// </summary>
public sealed class Dense<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a layer initialized from <paramref name="rng"/>, with a bias unless <paramref name="bias"/> is false.</summary>
    public Dense(string name, int inputs, int outputs, Random rng, bool bias = true)
    {
        Validation.Guard.AtLeast(inputs, 1, nameof(inputs));
        Validation.Guard.AtLeast(outputs, 1, nameof(outputs));
        ArgumentNullException.ThrowIfNull(rng);
        Inputs = inputs; Outputs = outputs;
        Weight = new Parameter<T>(name + ".weight", [outputs, inputs], ParameterRole.Weight);
        Bias = bias ? new Parameter<T>(name + ".bias", [outputs], ParameterRole.Bias) : null;
        double bound = 1.0 / Math.Sqrt(inputs);
        for (int i = 0; i < Weight.Length; i++) Weight.Value[i] = T.CreateTruncating((2 * rng.NextDouble() - 1) * bound);
        if (Bias is not null)
            for (int i = 0; i < Bias.Length; i++) Bias.Value[i] = T.CreateTruncating((2 * rng.NextDouble() - 1) * bound);
    }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output features.</summary>
    public int Outputs { get; }

    /// <summary>Weight <c>[out, in]</c>.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Bias <c>[out]</c>, or null for a layer without one.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary><c>z = x Wᵀ + b</c> for a batch of rows.</summary>
    public void Forward(ReadOnlySpan<T> x, int batch, Span<T> z) =>
        DenseKernels.Forward(x, batch, Inputs, Weight.Value, Bias is null ? [] : Bias.Value, Outputs, z);

    /// <summary>Writes the weight and bias gradients from <paramref name="dz"/> and, if <paramref name="dx"/> is not empty, the input gradient.</summary>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> dz, int batch, Span<T> dx) =>
        DenseKernels.Backward(x, dz, batch, Inputs, Outputs, Weight.Value, Weight.Grad, Bias is null ? [] : Bias.Grad, dx);
}
