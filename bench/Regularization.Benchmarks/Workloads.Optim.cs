using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Regularization.Nn;
using Regularization.Optim;
using Regularization.Tensors;
using Regularization.Pruning;

namespace Regularization.Benchmarks;

/// <summary>Workloads W6 (optimizer steps), W8 (magnitude pruning) and W9 (digits MLP) matching bench/anchors.</summary>
internal static partial class Workloads
{
#pragma warning disable CA2255 // module initializer registers the workloads of this area
    [ModuleInitializer]
    internal static void RegisterOptim()
    {
        Add("optim-step", OptimStep);
        Add("prune", Prune);
        Add("mlp-digits", MlpDigits);
    }
#pragma warning restore CA2255

    private static string J(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static int Reps(string[] args, int d)
    {
        int i = Array.IndexOf(args, "--reps");
        return i >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : d;
    }

    private static float[] Normal(int n, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            a[i] = scale * (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return a;
    }

    // optim-step N [--reps 7]: SGD(momentum 0.9, wd 1e-4), Adam(wd 1e-4), AdamW(wd 1e-2) on one float32 parameter of N entries.
    private static int OptimStep(string[] args)
    {
        int n = (int)double.Parse(args[0], CultureInfo.InvariantCulture);
        int reps = Reps(args, 7);
        int k = Math.Max(3, (int)(5e7 / n));
        var p0 = Normal(n, 0);
        var g0 = Normal(n, 1, 1e-3f);
        var cfgs = new (string Name, Func<Parameter<float>, Optimizer<float>> Make, int Bytes)[]
        {
            ("SGD(momentum=0.9,wd=1e-4)", p => Optimizers.Sgd([p], 0.01, momentum: 0.9, weightDecay: 1e-4), 20),
            ("Adam(wd=1e-4)", p => Optimizers.Adam([p], 1e-3, weightDecay: 1e-4), 28),
            ("AdamW(wd=1e-2)", p => Optimizers.AdamW([p], 1e-3, weightDecay: 1e-2), 28),
        };
        foreach (var (name, make, bytes) in cfgs)
        {
            var p = new Parameter<float>("w", [n], value: (float[])p0.Clone());
            g0.CopyTo(p.Grad, 0);
            var opt = make(p);
            var warm = Stopwatch.StartNew(); // past the JIT's tier-up: at least 3 steps and 0.5 s
            for (int i = 0; i < 3 || warm.Elapsed.TotalSeconds < 0.5; i++) opt.Step();
            var ts = new List<double>();
            for (int r = 0; r < reps; r++)
            {
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < k; i++) opt.Step();
                ts.Add(sw.Elapsed.TotalSeconds / k);
            }
            double med = Median(ts);
            Console.WriteLine($"{{\"workload\": \"W6\", \"tool\": \"ours.{name}\", \"N\": {n}, \"threads\": 1, \"steps_per_timing\": {k}, " +
                $"\"ns_per_elem\": {J(med / n * 1e9)}, \"nominal_bytes_per_elem\": {bytes}, \"implied_GBps\": {J(bytes * n / med / 1e9)}, \"median_s\": {J(med)}}}");
        }
        return 0;
    }

    // prune [N=1e7] [--reps 5]: zero the round(s N) smallest |w| of N standard-normal float32 weights, s = 0.5, 0.9.
    private static int Prune(string[] args)
    {
        int n = args.Length > 0 && !args[0].StartsWith("--") ? (int)double.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        int reps = Reps(args, 5);
        var w0 = Normal(n, 0);
        var w = new float[n];
        foreach (double s in new[] { 0.5, 0.9 })
        {
            long k = MagnitudePruner.CountToPrune(s, n);
            var ts = new List<double>();
            for (int r = 0; r < reps; r++)
            {
                w0.CopyTo(w, 0);
                var sw = Stopwatch.StartNew();
                MagnitudePruner.PruneInPlace<float>(w, k);
                ts.Add(sw.Elapsed.TotalSeconds);
            }
            double achieved = w.Count(x => x == 0) / (double)n;
            double med = Median(ts);
            Console.WriteLine($"{{\"workload\": \"W8\", \"tool\": \"ours.PruneInPlace\", \"N\": {n}, \"threads\": 1, \"sparsity\": {J(s)}, \"achieved\": {J(achieved)}, \"ns_per_elem\": {J(med / n * 1e9)}, \"median_s\": {J(med)}}}");

            ts.Clear();
            Parameter<float>? p = null;
            for (int r = 0; r < reps; r++)
            {
                p = new Parameter<float>("weight", [3162, 3162], value: w0.AsSpan(0, 3162 * 3162).ToArray());
                var sw = Stopwatch.StartNew();
                MagnitudePruner.LayerWise([p], s);
                ts.Add(sw.Elapsed.TotalSeconds);
            }
            med = Median(ts);
            Console.WriteLine($"{{\"workload\": \"W8\", \"tool\": \"ours.MagnitudePruner.LayerWise(mask)\", \"N\": {p!.Length}, \"threads\": 1, \"sparsity\": {J(s)}, \"achieved\": {J(SparsityReport.Of([p]).Sparsity)}, \"ns_per_elem\": {J(med / p.Length * 1e9)}, \"median_s\": {J(med)}}}");
        }
        return 0;
    }

    // mlp-digits [--reps 3] [--epochs 20]: 64-128-10 ReLU MLP, float32, AdamW(1e-3, 1e-2), batch 64, all 1797 rows, X/16.
    private static int MlpDigits(string[] args)
    {
        int reps = Reps(args, 3);
        int ei = Array.IndexOf(args, "--epochs");
        int epochs = ei >= 0 ? int.Parse(args[ei + 1], CultureInfo.InvariantCulture) : 20;
        var data = ClassificationData<float>.From(Regularization.Data.Datasets.Digits(), scale: 1.0 / 16);
        var ts = new List<double>();
        Mlp<float>? model = null;
        for (int r = 0; r < reps + 1; r++)
        {
            var sw = Stopwatch.StartNew();
            model = new Mlp<float>(64, [128], 10, seed: 0);
            var opt = Optimizers.AdamW(model.Parameters, 1e-3, weightDecay: 1e-2);
            Trainer.Fit(model, opt, data, null, new TrainOptions(Epochs: epochs, BatchSize: 64, Seed: 0, RecordNorms: false));
            if (r > 0) ts.Add(sw.Elapsed.TotalSeconds); // first run warms up the JIT
        }
        double med = Median(ts);
        double acc = model!.Evaluate(data).Accuracy;
        Console.WriteLine($"{{\"workload\": \"W9\", \"tool\": \"ours MLP 64-128-10 AdamW\", \"n\": {data.Rows}, \"epochs\": {epochs}, \"batch\": 64, \"threads\": 1, \"train_acc\": {J(acc)}, \"ms_per_epoch\": {J(med / epochs * 1e3)}, \"median_s\": {J(med)}}}");
        return 0;
    }
}
