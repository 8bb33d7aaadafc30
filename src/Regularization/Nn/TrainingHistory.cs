namespace Regularization.Nn;

/// <summary>The per-epoch records of a training run.</summary>
/// <param name="Epochs">One record per epoch.</param>
/// <param name="Steps">Optimizer steps taken.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochRecord> Epochs, long Steps)
{
    /// <summary>The last record.</summary>
    public EpochRecord Last => Epochs[^1];

    /// <summary>A column of the history, e.g. <c>h.Series(e =&gt; e.ValLoss)</c>.</summary>
    public double[] Series(Func<EpochRecord, double> pick) => Epochs.Select(pick).ToArray();
}
