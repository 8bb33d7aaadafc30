using Regularization.Nn;
using Regularization.Optim;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// The learning-rate × weight-decay grid of Loshchilov and Hutter (2019, figure 2) at small scale: one MLP per cell, trained
/// from the same initialization with the same batch order, for Adam with coupled L2 or for AdamW. <see cref="Run"/> trains all
/// cells together (DecayGridBatch: bit-identical to one <see cref="Trainer"/> per cell, without its per-epoch validation), in
/// parallel over the cells; each writes only its own entry, so the result does not depend on scheduling.
/// </summary>
public static class DecayGrid
{
    /// <summary>
    /// The optimizer of a style: Adam(weight_decay = λ) or AdamW(weight_decay = λ), biases and normalization parameters
    /// excluded from the decay. <paramref name="convention"/> says what multiplies AdamW's decay (ignored for Adam+L2):
    /// the learning rate (PyTorch, the default) or only the schedule (the paper's, so λ is the decay per step).
    /// </summary>
    public static Optimizer<float> MakeOptimizer(DecayStyle style, IEnumerable<Parameter<float>> parameters, double learningRate, double weightDecay,
        DecayConvention convention = DecayConvention.TimesLearningRate) =>
        style switch
        {
            DecayStyle.AdamL2 => Optimizers.Adam(parameters, learningRate: learningRate, weightDecay: weightDecay, noDecay: NoDecay.BiasAndNorm),
            DecayStyle.AdamW => Optimizers.AdamW(parameters, learningRate: learningRate, weightDecay: weightDecay, noDecay: NoDecay.BiasAndNorm, convention: convention),
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, $"style = {style} is not a DecayStyle."),
        };

    /// <summary>
    /// Trains one MLP (seeded) with Adam+L2 or AdamW over two parameter groups, "weights" (decayed by
    /// <paramref name="weightDecay"/>) and "biases" (not decayed), recording norms every epoch.
    /// </summary>
    public static DecayRun Fit(DecayStyle style, ClassificationData<float> train, ClassificationData<float>? validation, double learningRate,
        double weightDecay, TrainOptions options, IReadOnlyList<int>? hidden = null, int seed = 0)
    {
        Guard.NotNull(train, nameof(train));
        Guard.NotNull(options, nameof(options));
        var model = new Mlp<float>(train.Features, hidden ?? [128], train.Classes, seed);
        var groups = model.Groups(biasWeightDecay: 0);
        var opt = style switch
        {
            DecayStyle.AdamL2 => Optimizers.Adam(groups, learningRate: learningRate, weightDecay: weightDecay),
            DecayStyle.AdamW => Optimizers.AdamW(groups, learningRate: learningRate, weightDecay: weightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, $"style = {style} is not a DecayStyle."),
        };
        var h = Trainer.Fit(model, opt, train, validation, options with { RecordNorms = true, Seed = seed });
        return new DecayRun(style, learningRate, weightDecay, model, opt, h);
    }

    /// <summary>
    /// Trains <c>Mlp(features → hidden → classes, seed)</c> for every (decay, learning rate) pair and records the final
    /// validation error and loss, averaged over <paramref name="seeds"/> (each seed sets both the initialization and the batch
    /// order). A run whose loss becomes non-finite makes its cell NaN.
    /// </summary>
    /// <param name="style">Adam+L2 or AdamW.</param>
    /// <param name="train">Training data.</param>
    /// <param name="validation">Validation data.</param>
    /// <param name="learningRates">Grid columns (each &gt; 0).</param>
    /// <param name="decays">Grid rows (each &gt;= 0).</param>
    /// <param name="options">Epochs and batch size (its seed is replaced by each of <paramref name="seeds"/>; norms are not recorded).</param>
    /// <param name="hidden">Hidden widths (default [128]).</param>
    /// <param name="seeds">Seeds averaged over (default: [0]); every cell uses the same seeds.</param>
    /// <param name="maxParallelism">Threads (default: the processor count).</param>
    /// <param name="convention">What multiplies AdamW's decay (see <see cref="MakeOptimizer"/>).</param>
    /// <param name="layerNorm">Layer-normalize the hidden layers (<c>Mlp(layerNorm: true)</c>), which makes the hidden weights scale-invariant.</param>
    public static DecayGridResult Run(DecayStyle style, ClassificationData<float> train, ClassificationData<float> validation,
        IReadOnlyList<double> learningRates, IReadOnlyList<double> decays, TrainOptions options, IReadOnlyList<int>? hidden = null,
        IReadOnlyList<int>? seeds = null, int? maxParallelism = null, DecayConvention convention = DecayConvention.TimesLearningRate,
        bool layerNorm = false)
    {
        Guard.NotNull(train, nameof(train));
        Guard.NotNull(validation, nameof(validation));
        Guard.NotNull(learningRates, nameof(learningRates));
        Guard.NotNull(decays, nameof(decays));
        Guard.NotNull(options, nameof(options));
        if (learningRates.Count == 0) throw new ArgumentException("learningRates is empty: the grid needs at least one learning rate.", nameof(learningRates));
        if (decays.Count == 0) throw new ArgumentException("decays is empty: the grid needs at least one decay.", nameof(decays));
        foreach (var lr in learningRates) Guard.Positive(lr, nameof(learningRates));
        foreach (var wd in decays) Guard.NonNegative(wd, nameof(decays));
        hidden ??= [128];
        var sd = (seeds ?? [0]).ToArray();
        if (sd.Length == 0) throw new ArgumentException("seeds is empty: give at least one seed.", nameof(seeds));
        var lrs = learningRates.ToArray(); var wds = decays.ToArray();
        int cells = wds.Length * lrs.Length;
        Guard.AtLeast(options.Epochs, 1, nameof(options.Epochs));
        Guard.AtLeast(options.BatchSize, 1, nameof(options.BatchSize));
        CheckData(train, hidden, nameof(train));
        CheckData(validation, hidden, nameof(validation));
        if (validation.Features != train.Features)
            throw new ArgumentException($"validation has {validation.Features} features but train has {train.Features}: the shapes must match.", nameof(validation));
        if (style != DecayStyle.AdamL2 && style != DecayStyle.AdamW)
            throw new ArgumentOutOfRangeException(nameof(style), style, $"style = {style} is not a DecayStyle.");
        // every (cell, seed) model trained together (DecayGridBatch): shared batch order and initialization per seed
        var jobs = new DecayGridBatch.Job[cells * sd.Length];
        for (int k = 0; k < jobs.Length; k++)
        {
            int cell = k / sd.Length;
            jobs[k] = new DecayGridBatch.Job(style, lrs[cell % lrs.Length], wds[cell / lrs.Length], convention, sd[k % sd.Length]);
        }
        var (errRuns, lossRuns) = DecayGridBatch.Train(jobs, train, validation, hidden, layerNorm, options.Epochs, options.BatchSize,
            maxParallelism ?? Environment.ProcessorCount);
        // average in a fixed order, so the result does not depend on which thread finished first
        var err = new double[wds.Length, lrs.Length];
        var loss = new double[wds.Length, lrs.Length];
        for (int cell = 0; cell < cells; cell++)
        {
            double e = 0, l = 0;
            for (int r = 0; r < sd.Length; r++) { e += errRuns[cell * sd.Length + r]; l += lossRuns[cell * sd.Length + r]; }
            err[cell / lrs.Length, cell % lrs.Length] = e / sd.Length;
            loss[cell / lrs.Length, cell % lrs.Length] = l / sd.Length;
        }
        return new DecayGridResult(style, lrs, wds, err, loss)
        {
            Convention = style == DecayStyle.AdamW ? convention : DecayConvention.TimesLearningRate,
            LayerNorm = layerNorm,
        };
    }

    private static void CheckData(ClassificationData<float> data, IReadOnlyList<int> hidden, string name)
    {
        if (data.X.Length != data.Rows * data.Features)
            throw new ArgumentException($"{name}.X has length {data.X.Length} but rows {data.Rows} × features {data.Features} = {data.Rows * data.Features}: the shapes must match.", name);
        if (data.Rows == 0) throw new ArgumentException($"{name} has no rows.", name);
        foreach (int h in hidden) Guard.AtLeast(h, 1, nameof(hidden));
        Guard.AtLeast(data.Classes, 2, name + ".Classes");
        for (int i = 0; i < data.Rows; i++)
            if ((uint)data.Y[i] >= (uint)data.Classes)
                throw new ArgumentOutOfRangeException(name, data.Y[i], $"{name}.Y[{i}] = {data.Y[i]} is not allowed: labels must lie in [0, {data.Classes - 1}].");
    }
}
