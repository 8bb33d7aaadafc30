using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;

namespace Regularization.Benchmarks;

/// <summary>
/// W5 (logistic) workload runner for bench/logistic_vs_peers.sh:
/// <c>workload logistic-w5 N P MODE [tol=1e-4] [reps=3]</c>, MODE one of l2, l1 (C = 1, i.e. lambda = 1/N) or path (L1, 100 lambdas from
/// lambda_max down to 1/N, glmnet's grid). Reads binom_N_P from $BENCH_DATA (default /tmp/bench-data, written by anchors/data.py),
/// times the fit in-process (median of reps), prints one JSON line, and writes the coefficients at lambda = 1/N (intercept first) to
/// /tmp/bench-out/w5_cs_MODE_tolTOL_N_P.coef.f64.
/// </summary>
internal static partial class Workloads
{
#pragma warning disable CA2255 // module initializer registers the workload
    [ModuleInitializer]
    internal static void RegisterLogistic() => Add("logistic-w5", RunW5);
#pragma warning restore CA2255

    internal static (Matrix<double> X, Vector<double> Y) LoadBinom(int n, int p)
    {
        var dir = Environment.GetEnvironmentVariable("BENCH_DATA") is { Length: > 0 } d ? d : "/tmp/bench-data";
        var bx = File.ReadAllBytes(Path.Combine(dir, $"binom_{n}_{p}.X.f64"));
        var by = File.ReadAllBytes(Path.Combine(dir, $"binom_{n}_{p}.y.f64"));
        var x = new double[n * p];
        var y = new double[n];
        Buffer.BlockCopy(bx, 0, x, 0, bx.Length);
        Buffer.BlockCopy(by, 0, y, 0, by.Length);
        return (Matrix<double>.Build.Dense(n, p, x), Vector<double>.Build.DenseOfArray(y));
    }

    private static int RunW5(string[] args)
    {
        MathNet.Numerics.Control.UseSingleThread();
        int n = int.Parse(args[0], CultureInfo.InvariantCulture), p = int.Parse(args[1], CultureInfo.InvariantCulture);
        string mode = args[2];
        double tol = 1e-4;
        int reps = 3;
        foreach (var a in args[3..])
        {
            var kv = a.Split('=');
            if (kv[0] == "tol") tol = double.Parse(kv[1], CultureInfo.InvariantCulture);
            else if (kv[0] == "reps") reps = int.Parse(kv[1], CultureInfo.InvariantCulture);
            else throw new ArgumentException($"unknown option {a}; allowed: tol=, reps=");
        }
        var (x, y) = LoadBinom(n, p);
        double lambda = 1.0 / n;
        var times = new List<double>();
        var cpu = new List<double>();
        LogisticModel? last = null;
        int totalIter = 0;
        for (int r = -1; r < reps; r++)
        {
            // r = -1 is an untimed warm-up run (JIT and tiered compilation), as the peers' interpreters are already warm.
            var sw = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            switch (mode)
            {
                case "l2":
                    last = new LogisticRegression(1.0, LogisticPenalty.L2, tol: tol).Fit(x, y);
                    totalIter = last.Iterations;
                    break;
                case "l1":
                    last = new LogisticRegression(1.0, LogisticPenalty.L1, tol: tol).Fit(x, y);
                    totalIter = last.Iterations;
                    break;
                case "path":
                    var est = new LogisticRegression(penalty: LogisticPenalty.L1, tol: tol);
                    double lmax = est.LambdaMax(x, y);
                    var path = est.Path(x, y, nLambdas: 100, lambdaMinRatio: lambda / lmax);
                    last = path.Models[^1];
                    totalIter = path.Iterations.Sum();
                    break;
                default:
                    throw new ArgumentException($"mode = {mode} is not allowed: use l2, l1 or path.");
            }
            if (r >= 0)
            {
                times.Add(sw.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            }
        }
        Directory.CreateDirectory("/tmp/bench-out");
        var coef = new double[p + 1];
        coef[0] = last!.Intercept[0];
        for (int j = 0; j < p; j++) coef[j + 1] = last.Coef[0, j];
        var bytes = new byte[coef.Length * 8];
        Buffer.BlockCopy(coef, 0, bytes, 0, bytes.Length);
        string tolText = tol.ToString("0e0", CultureInfo.InvariantCulture).Replace("e-", "e-", StringComparison.Ordinal);
        File.WriteAllBytes($"/tmp/bench-out/w5_cs_{mode}_tol{tolText}_{n}_{p}.coef.f64", bytes);
        times.Sort();
        double median = times[times.Count / 2];
        cpu.Sort();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"{{\"workload\": \"W5\", \"tool\": \"ours {mode} tol={tolText}\", \"n\": {n}, \"p\": {p}, \"threads\": 1, \"solver\": \"{last.Solver}\", \"n_iter\": {totalIter}, \"nnz\": {last.NonZeroCount}, \"kkt\": {last.KktViolation:G3}, \"converged\": {(last.Converged ? "true" : "false")},  \"cpu_median_s\": {cpu[cpu.Count / 2]:F6}, \"median_s\": {median:F6}, \"times_s\": [{string.Join(", ", times.Select(t => t.ToString("F6", inv)))}]}}"));
        return 0;
    }
}
