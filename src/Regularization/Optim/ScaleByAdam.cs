using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// Adam's preconditioning with PyTorch's arithmetic: <c>m = β1 m + (1−β1) u</c>, <c>v = β2 v + (1−β2) u²</c>, and the output
/// <c>(m / (sqrt(v) / sqrt(1−β2ᵗ) + eps)) / (1−β1ᵗ)</c> — eps added after the bias correction, outside the square root.
/// With AMSGrad, <c>max(vmax, v)</c> replaces v. State: <see cref="AdamState{T}"/>.
/// </summary>
public sealed class ScaleByAdam<T> : GradientTransformation<T, AdamState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _b1, _b2, _eps;

    /// <summary>Creates the transformation; betas must lie in [0, 1) and eps must be &gt; 0.</summary>
    public ScaleByAdam(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool amsgrad = false)
    {
        Beta1 = Guard.InHalfOpenRange(beta1, 0, 1, nameof(beta1));
        Beta2 = Guard.InHalfOpenRange(beta2, 0, 1, nameof(beta2));
        Eps = Guard.Positive(eps, nameof(eps));
        Amsgrad = amsgrad;
        _b1 = T.CreateChecked(beta1); _b2 = T.CreateChecked(beta2); _eps = T.CreateChecked(eps);
    }

    /// <summary>β1.</summary>
    public double Beta1 { get; }

    /// <summary>β2.</summary>
    public double Beta2 { get; }

    /// <summary>eps.</summary>
    public double Eps { get; }

    /// <summary>AMSGrad.</summary>
    public bool Amsgrad { get; }

    /// <inheritdoc />
    public override bool IsPreconditioner => true;

    /// <inheritdoc />
    public override AdamState<T> InitState(Parameter<T> parameter) => new(Guard.NotNull(parameter, nameof(parameter)).Length, Amsgrad);

    /// <inheritdoc />
    public override void BeginStep(AdamState<T> state)
    {
        state.Count++;
        state.BiasCorrection1 = 1 - Math.Pow(Beta1, state.Count);
        state.SqrtBiasCorrection2 = Math.Sqrt(1 - Math.Pow(Beta2, state.Count));
    }

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, AdamState<T> state, int offset)
    {
        int n = updates.Length;
        var m = state.ExpAvg.AsSpan(offset, n);
        var v = state.ExpAvgSq.AsSpan(offset, n);
        var vmax = state.MaxExpAvgSq is { } mx ? mx.AsSpan(offset, n) : Span<T>.Empty;
        OptimKernels.Adam(updates, m, v, vmax, _b1, _b2, T.CreateChecked(state.BiasCorrection1), T.CreateChecked(state.SqrtBiasCorrection2), _eps);
    }

    /// <inheritdoc />
    public override string ToString() => $"scale_by_adam(b1={F(Beta1)}, b2={F(Beta2)}, eps={F(Eps)}{(Amsgrad ? ", amsgrad" : "")})";
}
