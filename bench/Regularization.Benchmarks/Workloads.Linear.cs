using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Linear;

namespace Regularization.Benchmarks;

/// <summary>
/// Linear workloads for bench/linear_vs_peers.sh, on the anchors' data files (/tmp/bench-data/gauss_N_P.{X,y}.f64, column-major):
/// <c>linear-path N P [--l1 1] [--tol 1e-7] [--reps 3] [--nlam 100] [--algo auto|cov|naive] [--dump]</c> (W1/W2),
/// <c>linear-lassocv N P [--tol 1e-7] [--reps 3]</c> (W3), <c>linear-ridge N P [--reps 3]</c> and <c>linear-ridgecv N P [--reps 3]</c> (W4).
/// Each prints one JSON line with the median in-process seconds (data loading and one warm-up run excluded; preprocessing and Gram included).
/// </summary>
internal static partial class Workloads
{
#pragma warning disable CA2255 // module initializer registers the workloads of this area
    [ModuleInitializer]
    internal static void RegisterLinear()
    {
        Add("linear-path", LinearPath);
        Add("linear-lassocv", LinearLassoCV);
        Add("linear-ridge", LinearRidge);
        Add("linear-ridgecv", LinearRidgeCV);
    }
#pragma warning restore CA2255

    private static string Opt(List<string> a, string name, string def)
    {
        int i = a.IndexOf(name);
        if (i < 0) return def;
        var v = a[i + 1];
        a.RemoveRange(i, 2);
        return v;
    }

    private static bool Flag(List<string> a, string name) => a.Remove(name);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    internal static (Matrix<double> X, Vector<double> Y) LoadGauss(int n, int p)
    {
        var dir = Environment.GetEnvironmentVariable("BENCH_DATA") ?? "/tmp/bench-data";
        var fx = Path.Combine(dir, $"gauss_{n}_{p}.X.f64");
        var fy = Path.Combine(dir, $"gauss_{n}_{p}.y.f64");
        if (!File.Exists(fx)) throw new FileNotFoundException($"{fx} is missing: run /usr/bin/python3 bench/anchors/data.py gauss {n} {p} first.");
        var x = ReadF64(fx, (long)n * p);
        var y = ReadF64(fy, n);
        return (Matrix<double>.Build.Dense(n, p, x), Vector<double>.Build.Dense(y));
    }

    private static double[] ReadF64(string path, long count)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.LongLength != count * 8) throw new InvalidDataException($"{path}: {bytes.LongLength} bytes, expected {count * 8}.");
        var r = new double[count];
        Buffer.BlockCopy(bytes, 0, r, 0, bytes.Length);
        return r;
    }

    private static (List<double> Times, T Last) Time<T>(int reps, Func<T> f)
    {
        var ts = new List<double>();
        T last = f(); // warm-up (JIT to optimized code), not timed
        for (int r = 0; r < reps; r++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            last = f();
            ts.Add(sw.Elapsed.TotalSeconds);
        }
        return (ts, last);
    }

    private static string Times(List<double> t) =>
        $"\"median_s\": {F(Math.Round(Median(t), 6))}, \"times_s\": [{string.Join(", ", t.Select(v => F(Math.Round(v, 6))))}]";

    private static int LinearPath(string[] args)
    {
        var a = args.ToList();
        double l1 = D(Opt(a, "--l1", "1"));
        double tol = D(Opt(a, "--tol", "1e-7"));
        int reps = int.Parse(Opt(a, "--reps", "3"), CultureInfo.InvariantCulture);
        int nlam = int.Parse(Opt(a, "--nlam", "100"), CultureInfo.InvariantCulture);
        var algo = Opt(a, "--algo", "auto") switch { "cov" => CdAlgorithm.Covariance, "naive" => CdAlgorithm.Naive, _ => CdAlgorithm.Auto };
        bool dump = Flag(a, "--dump");
        bool dumpRef = Flag(a, "--dump-ref");
        bool ystd = Flag(a, "--ystd");
        int n = int.Parse(a[0], CultureInfo.InvariantCulture), p = int.Parse(a[1], CultureInfo.InvariantCulture);
        var (x, y) = LoadGauss(n, p);
        if (ystd) { double m = y.Average(); y = y / Math.Sqrt(y.Sum(v => (v - m) * (v - m)) / n); }
        double[]? grid = null;
        if (nlam < 100)
        {
            double amax = ElasticNet.AlphaMax(x, y, l1, fitIntercept: false);
            grid = Regularization.CrossValidation.Grids.Geometric(amax, 1e-3, 100)[..nlam];
        }
        var (times, path) = Time(reps, () => ElasticNet.Path(x, y, l1, nAlphas: 100, eps: 1e-3, alphas: grid, fitIntercept: false,
            tol: tol, maxIter: 100000, algorithm: algo));
        if (dump || dumpRef)
        {
            Directory.CreateDirectory("/tmp/bench-out");
            var b = $"/tmp/bench-out/{(dumpRef ? "oursref" : "ours")}_l1{F(l1)}_{n}_{p}{(ystd ? "_ystd" : "")}";
            WriteF64(b + ".alphas.f64", path.Alphas);
            WriteF64(b + ".coef.f64", path.Coefs.ToColumnMajorArray());
        }
        Console.WriteLine($"{{\"workload\": \"{(l1 == 1 ? "W1" : "W2")}\", \"tool\": \"ours.ElasticNet.Path\", \"n\": {n}, \"p\": {p}, \"l1_ratio\": {F(l1)}, " +
            $"\"tol\": {F(tol)}, \"threads\": 1, \"algorithm\": \"{algo}\", \"n_lambdas\": {path.Alphas.Length}, \"total_sweeps\": {path.Iterations.Sum()}, " +
            $"\"nnz_last\": {path.NonZeroCounts[^1]}, \"not_converged\": {path.NotConverged.Length}, {Times(times)}}}");
        return 0;
    }

    private static void WriteF64(string path, double[] v)
    {
        var bytes = new byte[v.Length * 8];
        Buffer.BlockCopy(v, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }

    private static int LinearLassoCV(string[] args)
    {
        var a = args.ToList();
        double tol = D(Opt(a, "--tol", "1e-7"));
        int reps = int.Parse(Opt(a, "--reps", "3"), CultureInfo.InvariantCulture);
        int n = int.Parse(a[0], CultureInfo.InvariantCulture), p = int.Parse(a[1], CultureInfo.InvariantCulture);
        var (x, y) = LoadGauss(n, p);
        var (times, cv) = Time(reps, () => new LassoCV { Cv = 5, Tol = tol, MaxIter = 100000, MaxDegreeOfParallelism = 1 }.Fit(x, y));
        Directory.CreateDirectory("/tmp/bench-out");
        WriteF64($"/tmp/bench-out/w3_ours_{n}_{p}.coef.f64", cv.Model.Coef.ToArray());
        Console.WriteLine($"{{\"workload\": \"W3\", \"tool\": \"ours.LassoCV\", \"n\": {n}, \"p\": {p}, \"folds\": 5, \"threads\": 1, \"tol\": {F(tol)}, " +
            $"\"alpha_\": {F(cv.AlphaMin)}, \"nnz\": {cv.Model.NonZeroCount}, \"min_cv_mse\": {F(cv.Curve.Mean[cv.Curve.IndexMin])}, " +
            $"\"not_converged\": {cv.NotConverged.Count}, {Times(times)}}}");
        return 0;
    }

    private static int LinearRidge(string[] args)
    {
        var a = args.ToList();
        int reps = int.Parse(Opt(a, "--reps", "3"), CultureInfo.InvariantCulture);
        int n = int.Parse(a[0], CultureInfo.InvariantCulture), p = int.Parse(a[1], CultureInfo.InvariantCulture);
        var (x, y) = LoadGauss(n, p);
        var (times, m) = Time(reps, () => new Ridge(1.0).Fit(x, y));
        Console.WriteLine($"{{\"workload\": \"W4\", \"tool\": \"ours.Ridge(alpha=1)\", \"solver\": \"{m.Solver}\", \"n\": {n}, \"p\": {p}, \"threads\": 1, {Times(times)}}}");
        return 0;
    }

    private static int LinearRidgeCV(string[] args)
    {
        var a = args.ToList();
        int reps = int.Parse(Opt(a, "--reps", "3"), CultureInfo.InvariantCulture);
        int n = int.Parse(a[0], CultureInfo.InvariantCulture), p = int.Parse(a[1], CultureInfo.InvariantCulture);
        var (x, y) = LoadGauss(n, p);
        var alphas = Enumerable.Range(0, 50).Select(i => Math.Pow(10, -3 + 6.0 * i / 49)).ToArray();
        var (times, cv) = Time(reps, () => new RidgeCV(alphas).Fit(x, y));
        Console.WriteLine($"{{\"workload\": \"W4\", \"tool\": \"ours.RidgeCV(50 alphas, LOO)\", \"n\": {n}, \"p\": {p}, \"threads\": 1, \"alpha_\": {F(cv.Alpha)}, {Times(times)}}}");
        return 0;
    }
}
