using System.Numerics;

namespace Regularization.Optim;

/// <summary>
/// The explicit state of one transformation for one parameter: a step counter, named buffers (for example
/// <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>momentum_buffer</c>, named as in PyTorch's <c>optimizer.state</c>) and the
/// states of inner transformations (for <see cref="Chain{T}"/> and <see cref="Masked{T}"/>; null where a mask excludes
/// the parameter).
/// </summary>
public sealed class TransformState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a state.</summary>
    public TransformState(string transform, IReadOnlyDictionary<string, T[]>? buffers = null, TransformState<T>?[]? children = null)
    {
        Transform = transform;
        Buffers = buffers is null ? new Dictionary<string, T[]>() : new Dictionary<string, T[]>(buffers);
        Children = children ?? [];
    }

    /// <summary>Name of the transformation that owns the state.</summary>
    public string Transform { get; }

    /// <summary>Number of updates done (the step t of the next update is <c>Count + 1</c> after <see cref="GradientTransformation{T}.BeginStep"/>).</summary>
    public long Count { get; set; }

    /// <summary>Named buffers, one entry per parameter entry.</summary>
    public Dictionary<string, T[]> Buffers { get; }

    /// <summary>States of the inner transformations.</summary>
    public TransformState<T>?[] Children { get; }

    /// <summary>Per-step scalars computed in <see cref="GradientTransformation{T}.BeginStep"/> (bias corrections, schedule value).</summary>
    internal double S0, S1, S2;
}
