using System.Numerics;

namespace Regularization.Optim;

/// <summary>The state of <see cref="Chain{T}"/>: one state per transformation, in chain order (optax: a tuple of states).</summary>
public sealed class ChainState<T> : TransformState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TransformState<T>[] _children;

    /// <summary>Creates the state from the children's states.</summary>
    public ChainState(IEnumerable<TransformState<T>> children) : base("chain") =>
        _children = (children ?? throw new ArgumentNullException(nameof(children))).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<TransformState<T>?> Children => _children;

    /// <summary>The state of transformation <paramref name="index"/>, as its type.</summary>
    public TState Child<TState>(int index) where TState : TransformState<T> =>
        _children[index] as TState ?? throw new InvalidOperationException(
            $"state {index} of the chain is {_children[index].GetType().Name}, not {typeof(TState).Name}: the state does not belong to this chain.");

    internal TransformState<T> this[int index] => _children[index];

    internal int Length => _children.Length;
}
