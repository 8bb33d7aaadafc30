using System.Numerics;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>
/// Applies the inner transformation only to parameters for which the predicate is true (optax <c>masked</c>); the others
/// pass through unchanged and get no inner state. Used for no-decay rules: <c>Masked(AddDecayedWeights(wd), p =&gt; !NoDecay.BiasAndNorm(p))</c>.
/// </summary>
public sealed class Masked<T> : GradientTransformation<T, MaskedState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a masked transformation.</summary>
    /// <param name="inner">Transformation applied where <paramref name="applies"/> is true.</param>
    /// <param name="applies">Predicate on the parameter.</param>
    /// <param name="ruleName">Name of the rule, shown in the decay audit.</param>
    public Masked(GradientTransformation<T> inner, Func<Parameter<T>, bool> applies, string ruleName = "mask")
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Applies = applies ?? throw new ArgumentNullException(nameof(applies));
        RuleName = ruleName;
    }

    /// <summary>The inner transformation.</summary>
    public GradientTransformation<T> Inner { get; }

    /// <summary>The predicate (true = apply the inner transformation).</summary>
    public Func<Parameter<T>, bool> Applies { get; }

    /// <summary>Name of the rule.</summary>
    public string RuleName { get; }

    /// <inheritdoc />
    public override MaskedState<T> InitState(Parameter<T> parameter) => new(Applies(parameter) ? Inner.Init(parameter) : null);

    /// <inheritdoc />
    public override void BeginStep(MaskedState<T> state)
    {
        state.Count++;
        if (state.Inner is { } s) Inner.BeginStep(s);
    }

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, MaskedState<T> state, int offset)
    {
        if (state.Inner is { } s) Inner.Update(updates, parameter, s, offset);
    }

    /// <inheritdoc />
    public override bool IsPreconditioner => Inner.IsPreconditioner;

    /// <inheritdoc />
    public override DecayInfo? DescribeDecay(Parameter<T> parameter) => Applies(parameter) ? Inner.DescribeDecay(parameter) : null;

    /// <summary>The reason the mask excludes a parameter from a decaying inner transformation, or null.</summary>
    public string? Exclusion(Parameter<T> parameter) =>
        !Applies(parameter) && Inner.DescribeDecay(parameter) is not null ? $"excluded by {RuleName} ({NoDecay.Explain(parameter)})" : null;

    /// <inheritdoc />
    public override string ToString() => $"masked({Inner}, {RuleName})";
}
