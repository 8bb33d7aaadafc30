namespace Regularization.Teaching;

/// <summary>Training settings of <see cref="PruningStudy"/>.</summary>
/// <param name="LearningRate">Adam learning rate for training the base models and for retraining.</param>
/// <param name="BaseEpochs">Epochs of the base models.</param>
/// <param name="RetrainEpochs">Epochs of retraining after each pruning step of prune-and-retrain.</param>
/// <param name="GradualEpochs">Epochs of fine-tuning while the gradual schedule raises the sparsity.</param>
/// <param name="BatchSize">Minibatch size.</param>
/// <param name="Seed">Initialization and shuffling seed.</param>
/// <param name="Hidden">Hidden widths of the MLP (null: one layer of 128).</param>
public sealed record PruningStudyOptions(double LearningRate = 3e-3, int BaseEpochs = 30, int RetrainEpochs = 2, int GradualEpochs = 10,
    int BatchSize = 32, int Seed = 0, IReadOnlyList<int>? Hidden = null);
