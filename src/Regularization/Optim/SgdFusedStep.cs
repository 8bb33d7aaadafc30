using System.Numerics;
using Regularization.Kernels;

namespace Regularization.Optim;

/// <summary>The fused step of <see cref="Optimizers"/>' SGD chain <c>[negate] → [add_decayed_weights] → [trace] → scale_by_learning_rate → [scale_by_schedule]</c>.</summary>
internal sealed class SgdFusedStep<T> : FusedStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _decayIndex, _traceIndex;
    private readonly double _weightDecay;
    private readonly Trace<T>? _trace;
    private T _wd, _mu, _omd, _lr;
    private bool _first;
    private T[]? _buf;

    public SgdFusedStep(bool maximize, int decayIndex, double weightDecay, int traceIndex, Trace<T>? trace, double learningRate, int scheduleIndex)
        : base(maximize, learningRate, scheduleIndex)
    {
        _decayIndex = decayIndex; _weightDecay = weightDecay; _traceIndex = traceIndex; _trace = trace;
        _lr = T.CreateChecked(learningRate);
    }

    public override string Name => "fused_sgd_step";

    private protected override void Prepare(ChainState<T> state)
    {
        _wd = T.CreateChecked(DecayFor(state, _decayIndex, _weightDecay));
        if (_trace is { } tr)
        {
            var ts = state.Child<TraceState<T>>(_traceIndex);
            _buf = ts.MomentumBuffer; _first = ts.Count == 1;
            _mu = T.CreateChecked(tr.Momentum); _omd = T.CreateChecked(1 - tr.Dampening);
        }
        else { _buf = null; _mu = T.Zero; _omd = T.One; _first = false; }
    }

    private protected override void Block(Span<T> p, ReadOnlySpan<T> g, int offset) =>
        OptimKernels.SgdStep(p, g, _buf is null ? Span<T>.Empty : _buf.AsSpan(offset, p.Length), _wd, _mu, _omd, _trace?.Nesterov ?? false, _first, _lr);
}
