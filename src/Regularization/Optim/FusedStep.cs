using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>
/// A single-pass kernel for the whole chain of a named optimizer, owned by that optimizer: <see cref="Optimizers"/>' <c>Sgd</c>,
/// <c>Adam</c> and <c>AdamW</c> build their chain and, beside it, the fused step that knows where each of the chain's
/// transformations stands (it is given the indices; it never inspects the chain's shape). The fused step reads and writes the
/// same typed states as the chain and does the same operations in the same order, so the two paths give identical results
/// (tested bitwise). <see cref="Optimizer{T}.UseFusedKernels"/> is the switch between them.
/// </summary>
public abstract class FusedStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected FusedStep(bool maximize, double learningRate, int scheduleIndex)
    {
        Maximize = maximize; LearningRate = learningRate; ScheduleIndex = scheduleIndex;
    }

    /// <summary>Kernel name, shown by <see cref="Optimizer{T}.Describe"/>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the gradient is negated first (torch <c>maximize</c>).</summary>
    public bool Maximize { get; }

    /// <summary>The group's learning rate.</summary>
    public double LearningRate { get; }

    /// <summary>Index of the chain's <see cref="ScaleBySchedule{T}"/>, or -1.</summary>
    public int ScheduleIndex { get; }

    /// <summary>
    /// Runs the step on one parameter whose chain state has begun this step; returns false (nothing done) when the fused
    /// arithmetic would differ from the chain's: a schedule multiplier other than 1 (the chain rounds <c>lr</c> and the
    /// multiplier separately).
    /// </summary>
    internal bool TryStep(Parameter<T> p, ChainState<T> state, Span<T> scratch, bool checkFinite, long step, T threshold)
    {
        if (ScheduleIndex >= 0 && state.Child<ScheduleState<T>>(ScheduleIndex).Multiplier != 1.0) return false;
        Prepare(state);
        var value = p.Value.AsSpan();
        var grad = p.Grad.AsSpan();
        int n = value.Length, block = scratch.Length;
        for (int off = 0; off < n; off += block)
        {
            int len = Math.Min(block, n - off);
            var pv = value.Slice(off, len);
            ReadOnlySpan<T> gb = grad.Slice(off, len);
            if (checkFinite) Optimizer<T>.ThrowIfNonFinite(gb, p, off, step);
            if (Maximize)
            {
                System.Numerics.Tensors.TensorPrimitives.Negate(gb, scratch[..len]);
                gb = scratch[..len];
            }
            Block(pv, gb, off);
            if (threshold != T.Zero) ProxKernels.SoftThreshold<T>(pv, threshold, pv);
        }
        return true;
    }

    /// <summary>Reads the per-step scalars and buffers of this parameter's state.</summary>
    private protected abstract void Prepare(ChainState<T> state);

    /// <summary>The fused update of one block: <c>p</c> and the state buffers at <paramref name="offset"/> updated in place.</summary>
    private protected abstract void Block(Span<T> p, ReadOnlySpan<T> g, int offset);

    /// <summary>The decay coefficient of the stage at <paramref name="index"/> for this parameter (0 when a mask excludes it or there is none).</summary>
    private protected static double DecayFor(ChainState<T> state, int index, double weightDecay) =>
        index < 0 ? 0 : state[index] is MaskedState<T> { Inner: null } ? 0 : weightDecay;
}
