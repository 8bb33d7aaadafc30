using System.Numerics;
using Regularization.Nn;
using Regularization.Optim;
using Regularization.Validation;

namespace Regularization.Pruning;

/// <summary>
/// Accuracy-versus-sparsity curves of an MLP's weight matrices (biases are not pruned), as in Han et al. (2015):
/// one-shot pruning, iterative prune-and-retrain, and the gradual schedule of Zhu and Gupta (2017). The model passed in is
/// never modified; every curve works on clones.
/// </summary>
public static class PruningCurves
{
    /// <summary>Prunes a copy of the model to each sparsity at once (no retraining) and evaluates it.</summary>
    public static IReadOnlyList<SparsityPoint> OneShot<T>(Mlp<T> model, ClassificationData<T> evaluation, IEnumerable<double> sparsities, bool global = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(evaluation, nameof(evaluation));
        var points = new List<SparsityPoint>();
        foreach (double s in Guard.NotNull(sparsities, nameof(sparsities)))
        {
            var m = model.Clone();
            var rep = MagnitudePruner.ToSparsity(m.Weights, s, global);
            var (loss, acc) = m.Evaluate(evaluation);
            points.Add(new SparsityPoint(rep.Sparsity, acc, loss));
        }
        return points;
    }

    /// <summary>
    /// Iterative pruning: one copy of the model is pruned to each sparsity in increasing order and retrained for
    /// <paramref name="retrain"/>.Epochs with a fresh optimizer from <paramref name="makeOptimizer"/> (masks keep pruned weights at zero).
    /// </summary>
    public static IReadOnlyList<SparsityPoint> PruneAndRetrain<T>(Mlp<T> model, Func<Mlp<T>, Optimizer<T>> makeOptimizer,
        ClassificationData<T> train, ClassificationData<T> evaluation, IEnumerable<double> sparsities, TrainOptions retrain, bool global = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(makeOptimizer, nameof(makeOptimizer));
        Guard.NotNull(retrain, nameof(retrain));
        var m = model.Clone();
        var points = new List<SparsityPoint>();
        foreach (double s in Guard.NotNull(sparsities, nameof(sparsities)).Order())
        {
            var rep = MagnitudePruner.ToSparsity(m.Weights, s, global);
            Trainer.Fit(m, makeOptimizer(m), train, null, retrain with { RecordNorms = false });
            var (loss, acc) = m.Evaluate(evaluation);
            points.Add(new SparsityPoint(rep.Sparsity, acc, loss));
        }
        return points;
    }

    /// <summary>
    /// Gradual pruning to each final sparsity: a copy of the model is trained for <paramref name="options"/>.Epochs while the
    /// schedule of Zhu and Gupta raises the sparsity from 0 over the first <paramref name="rampFraction"/> of the steps (10 events).
    /// </summary>
    public static IReadOnlyList<SparsityPoint> Gradual<T>(Mlp<T> model, Func<Mlp<T>, Optimizer<T>> makeOptimizer,
        ClassificationData<T> train, ClassificationData<T> evaluation, IEnumerable<double> finalSparsities, TrainOptions options,
        double rampFraction = 0.75, bool global = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(model, nameof(model));
        Guard.NotNull(makeOptimizer, nameof(makeOptimizer));
        Guard.NotNull(train, nameof(train));
        Guard.NotNull(options, nameof(options));
        Guard.InClosedRange(rampFraction, 0.01, 1, nameof(rampFraction));
        long steps = (long)options.Epochs * ((train.Rows + options.BatchSize - 1) / options.BatchSize);
        const int events = 10;
        int every = (int)Math.Max(1, steps * rampFraction / events);
        var points = new List<SparsityPoint>();
        foreach (double s in Guard.NotNull(finalSparsities, nameof(finalSparsities)))
        {
            var m = model.Clone();
            var sched = new GradualPruning(0, s, 1, events, every, global);
            Trainer.Fit(m, makeOptimizer(m), train, null, options with { OnStep = t => sched.Apply(m.Weights, t), RecordNorms = false });
            MagnitudePruner.ToSparsity(m.Weights, s, global); // in case the run ended before the last event
            var (loss, acc) = m.Evaluate(evaluation);
            points.Add(new SparsityPoint(SparsityReport.Of(m.Weights).Sparsity, acc, loss));
        }
        return points;
    }
}
