using System.Numerics;

namespace Regularization.Optim;

/// <summary>The state of <see cref="Trace{T}"/> (optax <c>TraceState</c>): torch's <c>momentum_buffer</c>.</summary>
public sealed class TraceState<T> : TransformState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a zero buffer of <paramref name="length"/> entries.</summary>
    public TraceState(int length) : base("trace") => MomentumBuffer = new T[length];

    /// <summary>The momentum buffer (equal to the first update after step 1).</summary>
    public T[] MomentumBuffer { get; }

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, T[]>> NamedBuffers()
    {
        yield return new("momentum_buffer", MomentumBuffer);
    }
}
