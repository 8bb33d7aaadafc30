using System.Numerics;

namespace Regularization.Optim;

/// <summary>Applies transformations in order (optax <c>chain</c>); its state holds one child state per transformation.</summary>
public sealed class Chain<T> : GradientTransformation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a chain.</summary>
    public Chain(params GradientTransformation<T>[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        for (int i = 0; i < transforms.Length; i++)
            if (transforms[i] is null) throw new ArgumentNullException(nameof(transforms), $"transforms[{i}] is null.");
        Transforms = transforms;
    }

    /// <summary>The transformations, in order.</summary>
    public IReadOnlyList<GradientTransformation<T>> Transforms { get; }

    /// <inheritdoc />
    public override TransformState<T> Init(Parameter<T> parameter) =>
        new("chain", children: Transforms.Select(t => (TransformState<T>?)t.Init(parameter)).ToArray());

    /// <inheritdoc />
    public override void BeginStep(TransformState<T> state)
    {
        state.Count++;
        for (int i = 0; i < Transforms.Count; i++) Transforms[i].BeginStep(state.Children[i]!);
    }

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, TransformState<T> state, int offset)
    {
        for (int i = 0; i < Transforms.Count; i++) Transforms[i].Update(updates, parameter, state.Children[i]!, offset);
    }

    /// <inheritdoc />
    public override bool IsPreconditioner => Transforms.Any(t => t.IsPreconditioner);

    /// <inheritdoc />
    public override DecayInfo? DescribeDecay(Parameter<T> parameter)
    {
        for (int i = 0; i < Transforms.Count; i++)
        {
            var d = Transforms[i].DescribeDecay(parameter);
            if (d is null) continue;
            var later = Transforms.Skip(i + 1).ToList();
            bool coupled = d.Coupled || later.Any(t => t.IsPreconditioner);
            var factors = later.Select(ScaleName).Where(s => s is not null).ToList();
            string by = d.MultipliedBy == "1" ? (factors.Count == 0 ? "1" : string.Join("·", factors)) : string.Join("·", factors.Prepend(d.MultipliedBy));
            return d with { Coupled = coupled, MultipliedBy = by };
        }
        return null;
    }

    /// <summary>Why a decaying transformation in the chain skips the parameter, or null.</summary>
    public string? Exclusion(Parameter<T> parameter) =>
        Transforms.OfType<Masked<T>>().Select(m => m.Exclusion(parameter)).FirstOrDefault(s => s is not null);

    private static string? ScaleName(GradientTransformation<T> t) => t switch
    {
        ScaleByLearningRate<T> => "lr",
        ScaleBySchedule<T> => "schedule",
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => "chain(" + string.Join(", ", Transforms.Select(t => t.ToString())) + ")";
}
