using System.Numerics;

namespace Regularization.Optim;

/// <summary>
/// The explicit, typed state of one transformation for one parameter (optax: each transformation's <c>init</c> returns its
/// own state type): <see cref="EmptyState{T}"/>, <see cref="AdamState{T}"/>, <see cref="TraceState{T}"/>,
/// <see cref="ScheduleState{T}"/>, <see cref="MaskedState{T}"/> and <see cref="ChainState{T}"/>. Every state counts its
/// updates; buffers are typed properties of the concrete state. <see cref="Buffers"/> lists them under PyTorch's names
/// (<c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>, <c>momentum_buffer</c>) for saving, loading and inspection.
/// </summary>
public abstract class TransformState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a state for the transformation named <paramref name="transform"/>.</summary>
    protected TransformState(string transform) => Transform = transform ?? throw new ArgumentNullException(nameof(transform));

    /// <summary>Name of the transformation that owns the state (optax's name, e.g. <c>scale_by_adam</c>).</summary>
    public string Transform { get; }

    /// <summary>Number of updates done (after <see cref="GradientTransformation{T}.BeginStep"/> it includes the current one).</summary>
    public long Count { get; set; }

    /// <summary>The buffers of this state (not of its children), by PyTorch's names; empty for a state without buffers.</summary>
    public virtual IEnumerable<KeyValuePair<string, T[]>> NamedBuffers() => [];

    /// <summary>A read-only view of <see cref="NamedBuffers"/>: the arrays themselves, not copies.</summary>
    public IReadOnlyDictionary<string, T[]> Buffers => NamedBuffers().ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>The states of inner transformations (chain, masked; null where a mask excludes the parameter).</summary>
    public virtual IReadOnlyList<TransformState<T>?> Children => [];

    /// <summary>The first state of type <typeparamref name="TState"/> in this state's tree (depth first), or null.</summary>
    public TState? Find<TState>() where TState : TransformState<T>
    {
        if (this is TState s) return s;
        foreach (var c in Children)
            if (c?.Find<TState>() is { } r) return r;
        return null;
    }

    /// <summary>The first buffer named <paramref name="name"/> in this state's tree (depth first), or null.</summary>
    public T[]? FindBuffer(string name)
    {
        foreach (var (n, b) in NamedBuffers()) if (n == name) return b;
        foreach (var c in Children)
            if (c?.FindBuffer(name) is { } r) return r;
        return null;
    }
}
