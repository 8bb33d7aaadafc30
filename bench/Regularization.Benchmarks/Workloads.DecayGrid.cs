using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Regularization.Nn;
using Regularization.Optim;
using Regularization.Teaching;

namespace Regularization.Benchmarks;

/// <summary>
/// <c>decaygrid [--cells-per-grid 49] [--epochs 100] [--per-cell]</c>: the three learning-rate x decay grids of notebook 06
/// (Adam+L2, AdamW, AdamW with decay per step; 7 x 7 cells x 3 seeds, layer-normalized MLP 64-128-10, digits 25% train, batch 32),
/// timed once. <c>--per-cell</c> trains the same cells the way DecayGrid.Run did before the batched trainer (one Mlp, Optimizer
/// and Trainer.Fit per cell and seed, Parallel.For over the cells, validation every epoch), for the A/B. Prints one JSON line
/// with the wall and CPU seconds (the CPU time is the steadier figure on a loaded machine) and the mean validation error of each grid.
/// </summary>
internal static partial class Workloads
{
#pragma warning disable CA2255 // module initializer registers the workloads of this area
    [ModuleInitializer]
    internal static void RegisterDecayGrid() => Add("decaygrid", DecayGridWorkload);
#pragma warning restore CA2255

    private static int DecayGridWorkload(string[] args)
    {
        var a = args.ToList();
        int cells = int.Parse(Opt(a, "--cells-per-grid", "49"), CultureInfo.InvariantCulture);
        int epochs = int.Parse(Opt(a, "--epochs", "100"), CultureInfo.InvariantCulture);
        bool perCell = Flag(a, "--per-cell");
        string compare = Opt(a, "--compare", "");
        if (compare != "") return CompareCell(compare, epochs);
        var (small, valid) = ClassificationData<float>.Digits(0.75, seed: 0);
        double[] lrs = [1e-3, 2e-3, 4e-3, 8e-3, 1.6e-2, 3.2e-2, 6.4e-2];
        double[] decaysL2 = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100];
        double[] decaysTorch = [1e-2, 3e-2, 0.1, 0.3, 1, 3, 10];
        double[] decaysPaper = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1];
        int rowsKept = Math.Max(1, cells / lrs.Length);
        var o = new TrainOptions(Epochs: epochs, BatchSize: 32);
        int[] seeds = [0, 1, 2];
        var grids = new (DecayStyle Style, double[] Wds, DecayConvention Conv)[]
        {
            (DecayStyle.AdamL2, decaysL2[..rowsKept], DecayConvention.TimesLearningRate),
            (DecayStyle.AdamW, decaysTorch[..rowsKept], DecayConvention.TimesLearningRate),
            (DecayStyle.AdamW, decaysPaper[..rowsKept], DecayConvention.TimesSchedule),
        };
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var means = new List<double>();
        foreach (var (style, wds, conv) in grids)
        {
            double[,] err = perCell ? PerCell(style, small, valid, lrs, wds, o, seeds, conv)
                : DecayGrid.Run(style, small, valid, lrs, wds, o, seeds: seeds, layerNorm: true, convention: conv).ValError;
            means.Add(err.Cast<double>().Where(double.IsFinite).Average());
        }
        double s = sw.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine($"{{\"workload\": \"decaygrid\", \"tool\": \"{(perCell ? "per-cell Trainer" : "DecayGrid.Run (batched)")}\", \"models\": {3 * rowsKept * lrs.Length * seeds.Length}, " +
            $"\"epochs\": {epochs}, \"mean_val_error\": [{string.Join(", ", means.Select(m => F(Math.Round(m, 6))))}], \"cpu_s\": {F(Math.Round(cpu, 3))}, \"median_s\": {F(Math.Round(s, 3))}, \"times_s\": [{F(Math.Round(s, 3))}]}}");
        return 0;
    }

    private static double[,] PerCell(DecayStyle style, ClassificationData<float> train, ClassificationData<float> valid, double[] lrs, double[] wds,
        TrainOptions o, int[] seeds, DecayConvention conv)
    {
        var runs = new double[wds.Length * lrs.Length * seeds.Length];
        Parallel.For(0, runs.Length, k =>
        {
            int cell = k / seeds.Length, seed = seeds[k % seeds.Length];
            var m = new Mlp<float>(train.Features, [128], train.Classes, seed, true);
            var opt = DecayGrid.MakeOptimizer(style, m.Parameters, lrs[cell % lrs.Length], wds[cell / lrs.Length], conv);
            try { runs[k] = 1 - Trainer.Fit(m, opt, train, valid, o with { Seed = seed, RecordNorms = false }).Last.ValAccuracy; }
            catch (Exception e) when (e is ArithmeticException or NonFiniteGradientException) { runs[k] = double.NaN; }
        });
        var err = new double[wds.Length, lrs.Length];
        for (int c = 0; c < wds.Length * lrs.Length; c++)
            err[c / lrs.Length, c % lrs.Length] = Enumerable.Range(0, seeds.Length).Average(r => runs[c * seeds.Length + r]);
        return err;
    }

    // --compare "L2|W|WS lr wd": one cell, per seed, batched against the per-model Trainer
    private static int CompareCell(string spec, int epochs)
    {
        var parts = spec.Split(' ');
        var style = parts[0] == "L2" ? DecayStyle.AdamL2 : DecayStyle.AdamW;
        var conv = parts[0] == "WS" ? DecayConvention.TimesSchedule : DecayConvention.TimesLearningRate;
        double lr = D(parts[1]), wd = D(parts[2]);
        var (small, valid) = ClassificationData<float>.Digits(0.75, seed: 0);
        var o = new TrainOptions(Epochs: epochs, BatchSize: 32);
        foreach (int seed in new[] { 0, 1, 2 })
        {
            var g = DecayGrid.Run(style, small, valid, [lr], [wd], o, seeds: [seed], layerNorm: true, convention: conv);
            var m = new Mlp<float>(64, [128], 10, seed, true);
            var h = Trainer.Fit(m, DecayGrid.MakeOptimizer(style, m.Parameters, lr, wd, conv), small, valid, o with { Seed = seed, RecordNorms = false });
            Console.WriteLine($"seed {seed}: batched error {g.ValError[0, 0]:F4} loss {g.ValLoss[0, 0]:F4}; Trainer error {1 - h.Last.ValAccuracy:F4} loss {h.Last.ValLoss:F4}");
        }
        return 0;
    }
}
