using Regularization.Nn;
using Regularization.Optim;
using Regularization.Tensors;
using Regularization.Pruning;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// The experiment of Han et al. (2015, figure 5) at small scale: MLPs trained without a penalty, with L2 and with L1, then
/// pruned by global magnitude to a range of sparsities one-shot, by prune-and-retrain, and gradually (Zhu and Gupta 2017).
/// Retraining keeps each model's own penalty. Work items run in parallel, each on its own clone, so the curves do not depend
/// on scheduling.
/// </summary>
public static class PruningStudy
{
    /// <summary>Adam for a regularizer: plain, with coupled L2 <c>weightDecay = strength</c>, or with proximal L1
    /// <c>l1 = strength</c>; biases are never penalized.</summary>
    public static Optimizer<float> MakeOptimizer(PruningRegularizer regularizer, Mlp<float> model, double learningRate, double strength)
    {
        Guard.NotNull(model, nameof(model));
        Guard.NonNegative(strength, nameof(strength));
        return regularizer switch
        {
            PruningRegularizer.None => Optimizers.Adam(model.Parameters, learningRate: learningRate),
            PruningRegularizer.L2 => Optimizers.Adam(model.Parameters, learningRate: learningRate, weightDecay: strength, noDecay: NoDecay.BiasAndNorm),
            PruningRegularizer.L1 => Optimizers.Adam(model.Parameters, learningRate: learningRate, l1: strength, l1Mode: L1Mode.Proximal, noDecay: NoDecay.BiasAndNorm),
            _ => throw new ArgumentOutOfRangeException(nameof(regularizer), regularizer, $"regularizer = {regularizer} is not a PruningRegularizer."),
        };
    }

    /// <summary>Trains the base model of a regularizer (seeded initialization and batch order).</summary>
    public static Mlp<float> TrainBase(PruningRegularizer regularizer, double strength, ClassificationData<float> train, PruningStudyOptions? options = null)
    {
        Guard.NotNull(train, nameof(train));
        var o = options ?? new PruningStudyOptions();
        var model = new Mlp<float>(train.Features, o.Hidden ?? [128], train.Classes, o.Seed);
        Trainer.Fit(model, MakeOptimizer(regularizer, model, o.LearningRate, strength), train, null,
            new TrainOptions(o.BaseEpochs, o.BatchSize, o.Seed, RecordNorms: false));
        return model;
    }

    /// <summary>
    /// Every (base model, method) curve over <paramref name="sparsities"/> (global magnitude pruning of the weight matrices).
    /// </summary>
    /// <param name="bases">The trained models with the regularizer and strength they were trained with (not modified).</param>
    /// <param name="train">Training data for retraining.</param>
    /// <param name="test">Evaluation data.</param>
    /// <param name="sparsities">Target sparsities in [0, 1].</param>
    /// <param name="options">Retraining settings.</param>
    /// <param name="maxParallelism">Threads (default: the processor count).</param>
    public static IReadOnlyList<PruningCurve> Run(IReadOnlyList<(PruningRegularizer Regularizer, double Strength, Mlp<float> Model)> bases,
        ClassificationData<float> train, ClassificationData<float> test, IReadOnlyList<double> sparsities, PruningStudyOptions? options = null,
        int? maxParallelism = null)
    {
        Guard.NotNull(bases, nameof(bases));
        Guard.NotNull(train, nameof(train));
        Guard.NotNull(test, nameof(test));
        Guard.NotNull(sparsities, nameof(sparsities));
        foreach (var s in sparsities) Guard.InClosedRange(s, 0, 1, nameof(sparsities));
        var o = options ?? new PruningStudyOptions();
        var sorted = sparsities.Order().ToArray();
        // work items: one-shot and prune-and-retrain per base (sequential by nature), gradual per (base, sparsity)
        var items = new List<(int Base, PruningMethod Method, int Sparsity)>();
        for (int b = 0; b < bases.Count; b++)
        {
            items.Add((b, PruningMethod.OneShot, -1));
            items.Add((b, PruningMethod.PruneAndRetrain, -1));
            for (int s = 0; s < sorted.Length; s++) items.Add((b, PruningMethod.Gradual, s));
        }
        var results = new IReadOnlyList<SparsityPoint>[items.Count];
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount };
        // heaviest first (gradual at high sparsity), so the last items to finish are short
        var order = Enumerable.Range(0, items.Count).OrderByDescending(k => items[k].Method == PruningMethod.Gradual ? 2 : items[k].Method == PruningMethod.PruneAndRetrain ? 1 : 0).ToArray();
        Parallel.ForEach(order, po, k =>
        {
            var (b, method, s) = items[k];
            var (reg, strength, model) = bases[b];
            Func<Mlp<float>, Optimizer<float>> make = m => MakeOptimizer(reg, m, o.LearningRate, strength);
            results[k] = method switch
            {
                PruningMethod.OneShot => PruningCurves.OneShot(model, test, sorted),
                PruningMethod.PruneAndRetrain => PruningCurves.PruneAndRetrain(model, make, train, test, sorted,
                    new TrainOptions(o.RetrainEpochs, o.BatchSize, o.Seed)),
                _ => PruningCurves.Gradual(model, make, train, test, [sorted[s]], new TrainOptions(o.GradualEpochs, o.BatchSize, o.Seed)),
            };
        });
        var curves = new List<PruningCurve>();
        for (int b = 0; b < bases.Count; b++)
            foreach (var method in new[] { PruningMethod.OneShot, PruningMethod.PruneAndRetrain, PruningMethod.Gradual })
            {
                var pts = Enumerable.Range(0, items.Count).Where(k => items[k].Base == b && items[k].Method == method)
                    .OrderBy(k => items[k].Sparsity).SelectMany(k => results[k]).ToList();
                curves.Add(new PruningCurve(bases[b].Regularizer, method, pts));
            }
        return curves;
    }

    /// <summary>
    /// The whole study repeated for each of <paramref name="seeds"/>: base models trained with that seed (initialization and
    /// batch order), then every curve of <see cref="Run"/> with the same seed for retraining; the curves are summarized per
    /// (regularizer, method) as mean and standard deviation over the seeds.
    /// </summary>
    /// <param name="specs">The regularizers and their strengths.</param>
    /// <param name="train">Training data.</param>
    /// <param name="test">Evaluation data.</param>
    /// <param name="sparsities">Target sparsities in [0, 1].</param>
    /// <param name="seeds">Seeds (at least one); <see cref="PruningStudyOptions.Seed"/> is replaced by each.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="maxParallelism">Threads (default: the processor count).</param>
    public static IReadOnlyList<PruningCurveStats> Replicate(IReadOnlyList<(PruningRegularizer Regularizer, double Strength)> specs,
        ClassificationData<float> train, ClassificationData<float> test, IReadOnlyList<double> sparsities, IReadOnlyList<int> seeds,
        PruningStudyOptions? options = null, int? maxParallelism = null)
    {
        Guard.NotNull(specs, nameof(specs));
        Guard.NotNull(seeds, nameof(seeds));
        if (specs.Count == 0) throw new ArgumentException("specs is empty: give at least one regularizer.", nameof(specs));
        if (seeds.Count == 0) throw new ArgumentException("seeds is empty: give at least one seed.", nameof(seeds));
        var o = options ?? new PruningStudyOptions();
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount };
        var curvesPerSeed = new List<IReadOnlyList<PruningCurve>>();
        var baseAcc = new List<double[]>();
        foreach (int seed in seeds)
        {
            var os = o with { Seed = seed };
            var models = new Mlp<float>[specs.Count];
            Parallel.For(0, specs.Count, po, i => models[i] = TrainBase(specs[i].Regularizer, specs[i].Strength, train, os));
            baseAcc.Add(models.Select(m => m.Evaluate(test).Accuracy).ToArray());
            curvesPerSeed.Add(Run(specs.Select((sp, i) => (sp.Regularizer, sp.Strength, models[i])).ToArray(), train, test, sparsities, os, maxParallelism));
        }
        var stats = new List<PruningCurveStats>();
        for (int c = 0; c < curvesPerSeed[0].Count; c++)
        {
            int spec = c / 3;   // Run returns three methods per base, in base order
            stats.Add(PruningCurveStats.From(curvesPerSeed.Select(r => r[c]).ToArray(), baseAcc.Select(a => a[spec]).ToArray()));
        }
        return stats;
    }

    /// <summary>The non-zero entries of the given tensors (of <c>Value ⊙ Mask</c> for a pruned one), as doubles (for weight histograms).</summary>
    public static double[] NonZeroWeights(IEnumerable<Parameter<float>> parameters) =>
        Guard.NotNull(parameters, nameof(parameters))
            .SelectMany(p => p.Mask is { } m ? p.Value.Select((v, i) => v * m[i]) : p.Value).Where(v => v != 0).Select(v => (double)v).ToArray();
}
