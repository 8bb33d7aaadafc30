using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>Multiplies the update by <c>schedule[t]</c>, t = number of earlier updates (optax <c>scale_by_schedule</c>).</summary>
public sealed class ScaleBySchedule<T> : GradientTransformation<T, ScheduleState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the transformation.</summary>
    public ScaleBySchedule(Schedule schedule) => Schedule = Guard.NotNull(schedule, nameof(schedule));

    /// <summary>The schedule.</summary>
    public Schedule Schedule { get; }

    /// <inheritdoc />
    public override ScheduleState<T> InitState(Parameter<T> parameter) => new();

    /// <inheritdoc />
    public override void BeginStep(ScheduleState<T> state)
    {
        state.Multiplier = Schedule[state.Count];
        state.Count++;
    }

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, ScheduleState<T> state, int offset)
    {
        if (state.Multiplier != 1.0) OptimKernels.Scale(updates, T.CreateChecked(state.Multiplier));
    }

    /// <inheritdoc />
    public override string ToString() => $"scale_by_schedule({Schedule.Name})";
}
