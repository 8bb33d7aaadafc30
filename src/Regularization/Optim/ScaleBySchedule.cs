using System.Numerics;
using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>Multiplies the update by <c>schedule[t]</c>, t = number of earlier updates (optax <c>scale_by_schedule</c>).</summary>
public sealed class ScaleBySchedule<T> : GradientTransformation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the transformation.</summary>
    public ScaleBySchedule(Schedule schedule) => Schedule = Guard.NotNull(schedule, nameof(schedule));

    /// <summary>The schedule.</summary>
    public Schedule Schedule { get; }

    /// <inheritdoc />
    public override TransformState<T> Init(Parameter<T> parameter) => new("scale_by_schedule");

    /// <inheritdoc />
    public override void BeginStep(TransformState<T> state)
    {
        state.S0 = Schedule[state.Count];
        state.Count++;
    }

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, TransformState<T> state, int offset)
    {
        if (state.S0 != 1.0) OptimKernels.Scale(updates, T.CreateChecked(state.S0));
    }

    /// <inheritdoc />
    public override string ToString() => $"scale_by_schedule({Schedule.Name})";
}
