using System.Numerics;
using Regularization.Kernels;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>Multiplies the update by the learning rate (the optimizer then applies <c>p ← p − u</c>).</summary>
public sealed class ScaleByLearningRate<T> : GradientTransformation<T, EmptyState<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _lr;

    /// <summary>Creates the transformation; <paramref name="learningRate"/> must be finite and &gt;= 0.</summary>
    public ScaleByLearningRate(double learningRate)
    {
        LearningRate = Guard.NonNegative(learningRate, nameof(learningRate));
        _lr = T.CreateChecked(learningRate);
    }

    /// <summary>The learning rate.</summary>
    public double LearningRate { get; }

    /// <inheritdoc />
    public override EmptyState<T> InitState(Parameter<T> parameter) => new("scale_by_learning_rate");

    /// <inheritdoc />
    public override void Update(Span<T> updates, ReadOnlySpan<T> parameter, EmptyState<T> state, int offset) =>
        OptimKernels.Scale(updates, _lr);

    /// <inheritdoc />
    public override string ToString() => $"scale_by_learning_rate({F(LearningRate)})";
}
