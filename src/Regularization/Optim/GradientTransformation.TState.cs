using System.Numerics;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>
/// A gradient transformation whose per-parameter state has the type <typeparamref name="TState"/> (optax: a transformation is
/// the pair <c>(init, update)</c> and <c>init</c> returns its own state type). The untyped members of
/// <see cref="GradientTransformation{T}"/> check the state's type once and forward to the typed ones.
/// </summary>
public abstract class GradientTransformation<T, TState> : GradientTransformation<T>
    where T : unmanaged, IFloatingPointIeee754<T> where TState : TransformState<T>
{
    /// <summary>Creates the typed state for a parameter.</summary>
    public abstract TState InitState(Parameter<T> parameter);

    /// <summary>Advances the count (and computes the per-step scalars of stateful transformations).</summary>
    public virtual void BeginStep(TState state) => state.Count++;

    /// <summary>Transforms the updates of one block in place.</summary>
    public abstract void Update(Span<T> updates, ReadOnlySpan<T> parameter, TState state, int offset);

    /// <inheritdoc />
    public sealed override TransformState<T> Init(Parameter<T> parameter) => InitState(parameter);

    /// <inheritdoc />
    public sealed override void BeginStep(TransformState<T> state) => BeginStep(Cast(state));

    /// <inheritdoc />
    public sealed override void Update(Span<T> updates, ReadOnlySpan<T> parameter, TransformState<T> state, int offset) =>
        Update(updates, parameter, Cast(state), offset);

    private TState Cast(TransformState<T> state) =>
        state as TState ?? throw new ArgumentException(
            $"state is {state?.GetType().Name ?? "null"} but {this} needs a {typeof(TState).Name}: pass the state its own Init created.", nameof(state));
}
