using System.Numerics;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// Adam's preconditioning with PyTorch's arithmetic: <c>m = β1 m + (1−β1) u</c>, <c>v = β2 v + (1−β2) u²</c>, and the output
/// <c>(m / (sqrt(v) / sqrt(1−β2ᵗ) + eps)) / (1−β1ᵗ)</c> — eps added after the bias correction, outside the square root.
/// With AMSGrad, <c>max(vmax, v)</c> replaces v. State buffers: <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>.
/// </summary>
public sealed class ScaleByAdam<T> : GradientTransformation<T> where T : unmanaged, IFloatingPointIeee754<T>
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
    public override TransformState<T> Init(Parameter<T> parameter)
    {
        var b = new Dictionary<string, T[]> { ["exp_avg"] = new T[parameter.Length], ["exp_avg_sq"] = new T[parameter.Length] };
        if (Amsgrad) b["max_exp_avg_sq"] = new T[parameter.Length];
        return new TransformState<T>("scale_by_adam", b);
    }

    /// <inheritdoc />
    public override void BeginStep(TransformState<T> state)
    {
        state.Count++;
        state.S0 = 1 - Math.Pow(Beta1, state.Count);            // bias_correction1
        state.S1 = Math.Sqrt(1 - Math.Pow(Beta2, state.Count)); // sqrt(bias_correction2)
    }

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, TransformState<T> state, int offset)
    {
        int n = updates.Length;
        var m = Buffer(state, "exp_avg").AsSpan(offset, n);
        var v = Buffer(state, "exp_avg_sq").AsSpan(offset, n);
        var vmax = Amsgrad ? Buffer(state, "max_exp_avg_sq").AsSpan(offset, n) : Span<T>.Empty;
        OptimKernels.Adam(updates, m, v, vmax, _b1, _b2, T.CreateChecked(state.S0), T.CreateChecked(state.S1), _eps);
    }

    /// <inheritdoc />
    public override string ToString() => $"scale_by_adam(b1={F(Beta1)}, b2={F(Beta2)}, eps={F(Eps)}{(Amsgrad ? ", amsgrad" : "")})";
}
