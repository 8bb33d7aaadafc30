using System.Numerics;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>Applies transformations in order (optax <c>chain</c>); its state holds one child state per transformation.</summary>
public sealed class Chain<T> : GradientTransformation<T, ChainState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a chain.</summary>
    public Chain(params GradientTransformation<T>[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        for (int i = 0; i < transforms.Length; i++)
            if (transforms[i] is null) throw new ArgumentNullException(nameof(transforms), $"transforms[{i}] is null.");
        Transforms = transforms.ToArray();
    }

    /// <summary>The transformations, in order.</summary>
    public IReadOnlyList<GradientTransformation<T>> Transforms { get; }

    /// <inheritdoc />
    public override ChainState<T> InitState(Parameter<T> parameter) => new(Transforms.Select(t => t.Init(parameter)));

    /// <inheritdoc />
    public override void BeginStep(ChainState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != Transforms.Count)
            throw new ArgumentException($"state has {state.Length} child states but the chain has {Transforms.Count} transformations: pass the state this chain's Init created.", nameof(state));
        state.Count++;
        for (int i = 0; i < Transforms.Count; i++) Transforms[i].BeginStep(state[i]);
    }

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, ChainState<T> state, int offset)
    {
        for (int i = 0; i < Transforms.Count; i++) Transforms[i].Update(updates, parameter, state[i], offset);
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
