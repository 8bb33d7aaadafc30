using System.Numerics;
using Regularization.Kernels;

namespace Regularization.Optim;

/// <summary>The fused step of <see cref="Optimizers"/>' Adam+L2 chain <c>[negate] → [add_decayed_weights] → scale_by_adam →
/// scale_by_learning_rate → [scale_by_schedule]</c> and AdamW chain <c>[negate] → scale_by_adam → add_decayed_weights →
/// scale_by_learning_rate → [scale_by_schedule]</c>: they differ only in where the decay stands (<c>coupled</c>).</summary>
internal sealed class AdamFusedStep<T> : FusedStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _decayIndex, _adamIndex;
    private readonly double _weightDecay;
    private readonly bool _coupled;
    private readonly T _b1, _b2, _eps, _lr;
    private T _wd, _bc1, _sbc2;
    private AdamState<T> _st = null!;

    public AdamFusedStep(bool maximize, int decayIndex, double weightDecay, bool coupled, int adamIndex, ScaleByAdam<T> adam, double learningRate, int scheduleIndex)
        : base(maximize, learningRate, scheduleIndex)
    {
        _decayIndex = decayIndex; _weightDecay = weightDecay; _coupled = coupled; _adamIndex = adamIndex;
        _b1 = T.CreateChecked(adam.Beta1); _b2 = T.CreateChecked(adam.Beta2); _eps = T.CreateChecked(adam.Eps);
        _lr = T.CreateChecked(learningRate);
    }

    public override string Name => _coupled ? "fused_adam_l2_step" : "fused_adamw_step";

    private protected override void Prepare(ChainState<T> state)
    {
        _wd = T.CreateChecked(DecayFor(state, _decayIndex, _weightDecay));
        _st = state.Child<AdamState<T>>(_adamIndex);
        _bc1 = T.CreateChecked(_st.BiasCorrection1); _sbc2 = T.CreateChecked(_st.SqrtBiasCorrection2);
    }

    private protected override void Block(Span<T> p, ReadOnlySpan<T> g, int offset)
    {
        int n = p.Length;
        OptimKernels.AdamStep(p, g, _st.ExpAvg.AsSpan(offset, n), _st.ExpAvgSq.AsSpan(offset, n),
            _st.MaxExpAvgSq is { } mx ? mx.AsSpan(offset, n) : Span<T>.Empty,
            _coupled ? _wd : T.Zero, _coupled ? T.Zero : _wd, _b1, _b2, _bc1, _sbc2, _eps, _lr);
    }
}
