namespace Regularization.Nn;

/// <summary>Options of <see cref="Trainer"/>.</summary>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="BatchSize">Minibatch size (the last batch of an epoch may be smaller).</param>
/// <param name="Seed">Seed of the per-epoch shuffling (<c>new Random(Seed)</c>, Fisher–Yates each epoch).</param>
/// <param name="OnStep">Called after every optimizer step with the 1-based global step (e.g. gradual pruning).</param>
/// <param name="OnEpoch">Called after every epoch with its record.</param>
/// <param name="RecordNorms">Whether to record parameter and group norms every epoch.</param>
public sealed record TrainOptions(int Epochs = 20, int BatchSize = 64, int Seed = 0, Action<long>? OnStep = null,
    Action<EpochRecord>? OnEpoch = null, bool RecordNorms = true);
