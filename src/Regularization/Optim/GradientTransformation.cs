using System.Numerics;
using Regularization.Tensors;

namespace Regularization.Optim;

/// <summary>
/// A gradient transformation in the style of optax: <see cref="Init"/> creates the explicit, typed per-parameter state and
/// <see cref="Update"/> maps the incoming update (initially the gradient) to the outgoing one, reading and writing that state.
/// Updates point in the gradient direction: the optimizer finally applies <c>p ← p − u</c>. Concrete transformations derive
/// from <see cref="GradientTransformation{T, TState}"/>, which names their state type.
/// <para>For speed the optimizer runs a whole chain over cache-sized blocks of a parameter: <see cref="BeginStep"/> is
/// called once per step and parameter (counters, bias corrections), then <see cref="Update"/> once per block with the block's
/// <c>offset</c> into the parameter and the state buffers.</para>
/// </summary>
public abstract class GradientTransformation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected GradientTransformation() { }

    /// <summary>Creates the state for a parameter (zeros as in PyTorch's lazy state creation).</summary>
    public abstract TransformState<T> Init(Parameter<T> parameter);

    /// <summary>Advances counters and computes the per-step scalars; called once per step before the blocks.</summary>
    public abstract void BeginStep(TransformState<T> state);

    /// <summary>Transforms the updates of one block in place. <paramref name="parameter"/> is the same block of the parameter values.</summary>
    public abstract void Update(Span<T> updates, ReadOnlySpan<T> parameter, TransformState<T> state, int offset);

    /// <summary>One whole step on a full parameter: <see cref="BeginStep"/> then <see cref="Update"/> at offset 0.</summary>
    public void Step(Span<T> updates, ReadOnlySpan<T> parameter, TransformState<T> state)
    {
        if (updates.Length != parameter.Length)
            throw new ArgumentException($"updates has length {updates.Length} but parameter has {parameter.Length}: the shapes must match.", nameof(updates));
        BeginStep(state);
        Update(updates, parameter, state, 0);
    }

    /// <summary>Weight decay applied by this transformation to <paramref name="parameter"/>, or null (used by the decay audit).</summary>
    public virtual DecayInfo? DescribeDecay(Parameter<T> parameter) => null;

    /// <summary>True for transformations that rescale each coordinate by gradient statistics (Adam): a decay added before one is coupled L2.</summary>
    public virtual bool IsPreconditioner => false;

    /// <summary>Text such as <c>scale_by_adam(b1=0.9, b2=0.999, eps=1e-08)</c>.</summary>
    public abstract override string ToString();

    /// <summary>Formats a hyperparameter.</summary>
    protected static string F(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
