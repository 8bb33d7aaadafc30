using Regularization.Nn;
using Regularization.Optim;

namespace Regularization.Teaching;

/// <summary>One training run of <see cref="DecayGrid.Fit"/>: the trained model, its optimizer (with its state) and the history.</summary>
/// <param name="Style">Adam+L2 or AdamW.</param>
/// <param name="LearningRate">Learning rate.</param>
/// <param name="WeightDecay">Decay of the weight matrices (biases are not decayed).</param>
/// <param name="Model">The trained model.</param>
/// <param name="Optimizer">The optimizer, with its moments after training.</param>
/// <param name="History">Per-epoch losses, accuracies and norms (groups "weights" and "biases").</param>
public sealed record DecayRun(DecayStyle Style, double LearningRate, double WeightDecay, Mlp<float> Model, Optimizer<float> Optimizer, TrainingHistory History)
{
    /// <summary>Euclidean norm of all weight matrices together, per epoch.</summary>
    public double[] WeightNorms => History.Series(e => e.GroupNorms["weights"]);
}
