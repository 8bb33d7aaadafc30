using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// Momentum as in <c>torch.optim.SGD</c>: <c>buf = u</c> at the first step, then <c>buf = μ buf + (1 − dampening) u</c>;
/// the output is <c>buf</c>, or <c>u + μ buf</c> with Nesterov. State: <see cref="TraceState{T}"/>. With momentum 0 the named
/// optimizers leave it out of the chain, so, as in torch, no buffer is kept.
/// </summary>
public sealed class Trace<T> : GradientTransformation<T, TraceState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the transformation. <paramref name="momentum"/> and <paramref name="dampening"/> must lie in [0, 1];
    /// Nesterov needs momentum &gt; 0 and dampening 0 (as in PyTorch).</summary>
    public Trace(double momentum, double dampening = 0.0, bool nesterov = false)
    {
        Momentum = Guard.InClosedRange(momentum, 0, 1, nameof(momentum));
        Dampening = Guard.InClosedRange(dampening, 0, 1, nameof(dampening));
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException($"nesterov = true requires momentum > 0 and dampening = 0; got momentum = {momentum}, dampening = {dampening}.", nameof(nesterov));
        Nesterov = nesterov;
    }

    /// <summary>Momentum μ.</summary>
    public double Momentum { get; }

    /// <summary>Dampening.</summary>
    public double Dampening { get; }

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    public override TraceState<T> InitState(Parameter<T> parameter) => new(Guard.NotNull(parameter, nameof(parameter)).Length);

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, TraceState<T> state, int offset)
    {
        if (Momentum == 0) return;
        var buf = state.MomentumBuffer.AsSpan(offset, updates.Length);
        OptimKernels.Trace(updates, buf, T.CreateChecked(Momentum), T.CreateChecked(1 - Dampening), Nesterov, state.Count == 1);
    }

    /// <inheritdoc />
    public override string ToString() => $"trace(momentum={F(Momentum)}, dampening={F(Dampening)}, nesterov={Nesterov.ToString().ToLowerInvariant()})";
}
