using System.Numerics;

namespace Regularization.Optim;

/// <summary>The state of <see cref="ScaleBySchedule{T}"/> (optax <c>ScaleByScheduleState</c>): the count and the multiplier of the current step.</summary>
public sealed class ScheduleState<T> : TransformState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the state at count 0.</summary>
    public ScheduleState() : base("scale_by_schedule") { }

    /// <summary><c>schedule[t]</c> of the current step (t = updates done before it).</summary>
    public double Multiplier { get; internal set; } = 1;
}
