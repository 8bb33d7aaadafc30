using System.Numerics;

namespace Regularization.Optim;

/// <summary>The state of a stateless transformation (optax <c>EmptyState</c>): only the update count.</summary>
public sealed class EmptyState<T> : TransformState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the state of the transformation named <paramref name="transform"/>.</summary>
    public EmptyState(string transform) : base(transform) { }
}
