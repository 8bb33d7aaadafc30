using System.Numerics;

namespace Regularization.Optim;

/// <summary>The state of <see cref="Masked{T}"/> (optax <c>MaskedState</c>): the inner state, or null where the mask excludes the parameter.</summary>
public sealed class MaskedState<T> : TransformState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the state.</summary>
    public MaskedState(TransformState<T>? inner) : base("masked") => Inner = inner;

    /// <summary>The inner transformation's state, or null when the parameter is excluded.</summary>
    public TransformState<T>? Inner { get; }

    /// <inheritdoc />
    public override IReadOnlyList<TransformState<T>?> Children => [Inner];
}
