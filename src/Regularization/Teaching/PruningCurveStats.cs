using Regularization.Pruning;

namespace Regularization.Teaching;

/// <summary>
/// One accuracy-versus-sparsity curve of <see cref="PruningStudy.Replicate"/>: the same experiment repeated with several seeds
/// (each seed sets the base model's initialization and every batch order), summarized point by point.
/// </summary>
/// <param name="Regularizer">How the starting models were trained.</param>
/// <param name="Method">How they were pruned.</param>
/// <param name="Sparsity">The target sparsities, increasing.</param>
/// <param name="MeanAccuracy">Mean test accuracy over the seeds at each sparsity.</param>
/// <param name="StdAccuracy">Sample standard deviation (n − 1) of the test accuracy over the seeds (0 with one seed).</param>
/// <param name="BaseAccuracy">Mean test accuracy of the unpruned base models.</param>
/// <param name="Runs">The curve of each seed, in seed order.</param>
public sealed record PruningCurveStats(PruningRegularizer Regularizer, PruningMethod Method, double[] Sparsity, double[] MeanAccuracy,
    double[] StdAccuracy, double BaseAccuracy, IReadOnlyList<PruningCurve> Runs)
{
    /// <summary>Legend name, e.g. "L2, prune-and-retrain".</summary>
    public string Name => Runs[0].Name;

    /// <summary>Mean accuracy at the point whose sparsity is closest to <paramref name="sparsity"/>.</summary>
    public double MeanAt(double sparsity) => MeanAccuracy[Closest(sparsity)];

    /// <summary>Standard deviation of the accuracy at the point whose sparsity is closest to <paramref name="sparsity"/>.</summary>
    public double StdAt(double sparsity) => StdAccuracy[Closest(sparsity)];

    private int Closest(double sparsity)
    {
        int best = 0;
        for (int i = 1; i < Sparsity.Length; i++) if (Math.Abs(Sparsity[i] - sparsity) < Math.Abs(Sparsity[best] - sparsity)) best = i;
        return best;
    }

    /// <summary>Summarizes curves of the same regularizer and method (one per seed, same sparsities).</summary>
    public static PruningCurveStats From(IReadOnlyList<PruningCurve> runs, IReadOnlyList<double> baseAccuracies)
    {
        Validation.Guard.NotNull(runs, nameof(runs));
        Validation.Guard.NotNull(baseAccuracies, nameof(baseAccuracies));
        if (runs.Count == 0) throw new ArgumentException("runs is empty: give at least one curve.", nameof(runs));
        if (baseAccuracies.Count != runs.Count)
            throw new ArgumentException($"baseAccuracies has {baseAccuracies.Count} entries but there are {runs.Count} runs: the shapes must match.", nameof(baseAccuracies));
        var first = runs[0];
        foreach (var r in runs)
            if (r.Regularizer != first.Regularizer || r.Method != first.Method || !r.Sparsity.SequenceEqual(first.Sparsity))
                throw new ArgumentException($"runs mixes curves ({r.Name} and {first.Name}, or different sparsities): summarize one regularizer and method at a time.", nameof(runs));
        int m = first.Points.Count, k = runs.Count;
        var mean = new double[m]; var std = new double[m];
        for (int i = 0; i < m; i++)
        {
            double mu = 0;
            foreach (var r in runs) mu += r.Points[i].Accuracy;
            mu /= k;
            double ss = 0;
            foreach (var r in runs) ss += (r.Points[i].Accuracy - mu) * (r.Points[i].Accuracy - mu);
            mean[i] = mu; std[i] = k > 1 ? Math.Sqrt(ss / (k - 1)) : 0;
        }
        return new PruningCurveStats(first.Regularizer, first.Method, first.Sparsity, mean, std, baseAccuracies.Average(), runs);
    }
}
