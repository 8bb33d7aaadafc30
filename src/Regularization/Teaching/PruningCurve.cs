using Regularization.Pruning;

namespace Regularization.Teaching;

/// <summary>One accuracy-versus-sparsity curve of <see cref="PruningStudy"/>.</summary>
/// <param name="Regularizer">How the starting model was trained.</param>
/// <param name="Method">How it was pruned.</param>
/// <param name="Points">Sparsity, test accuracy and loss, in increasing sparsity.</param>
public sealed record PruningCurve(PruningRegularizer Regularizer, PruningMethod Method, IReadOnlyList<SparsityPoint> Points)
{
    /// <summary>The curve's sparsities.</summary>
    public double[] Sparsity => Points.Select(p => p.Sparsity).ToArray();

    /// <summary>The curve's accuracies.</summary>
    public double[] Accuracy => Points.Select(p => p.Accuracy).ToArray();

    /// <summary>Accuracy at the point whose sparsity is closest to <paramref name="sparsity"/>.</summary>
    public double AccuracyAt(double sparsity) => Points.MinBy(p => Math.Abs(p.Sparsity - sparsity))!.Accuracy;

    /// <summary>Legend name, e.g. "L2, prune-and-retrain".</summary>
    public string Name => $"{Regularizer}, {Method switch { PruningMethod.OneShot => "one-shot", PruningMethod.PruneAndRetrain => "prune-and-retrain", _ => "gradual" }}";
}
