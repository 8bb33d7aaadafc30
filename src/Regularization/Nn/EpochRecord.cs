namespace Regularization.Nn;

/// <summary>What the trainer records after an epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's minibatches (weighted by batch size, during training).</param>
/// <param name="TrainAccuracy">Accuracy over the epoch's minibatches (during training).</param>
/// <param name="ValLoss">Validation cross-entropy at the end of the epoch (NaN without validation data).</param>
/// <param name="ValAccuracy">Validation accuracy at the end of the epoch (NaN without validation data).</param>
/// <param name="GroupNorms">Euclidean norm of each optimizer group's parameters (all of them concatenated).</param>
/// <param name="ParameterNorms">Euclidean norm of each parameter tensor.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double ValLoss, double ValAccuracy,
    IReadOnlyDictionary<string, double> GroupNorms, IReadOnlyDictionary<string, double> ParameterNorms);
