using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Kernels;
using Regularization.Linear;

namespace Regularization.Benchmarks;

/// <summary>
/// Linear solvers on seeded AR(1)-correlated Gaussian designs (rho 0.5, 10% true non-zeros), one thread:
/// lasso and elastic-net paths (100 alphas, eps 1e-3, tol 1e-7), LassoCV, Ridge and RidgeCV.
/// Run: <c>dotnet run -c Release --project bench/Regularization.Benchmarks -- --filter '*LinearBenchmarks*'</c>.
/// The side-by-side comparison with scikit-learn and glmnet is bench/linear_vs_peers.sh.
/// </summary>
[MemoryDiagnoser]
public class LinearBenchmarks
{
    private Matrix<double> _x = null!;
    private Vector<double> _y = null!;

    /// <summary>Problem size "n x p".</summary>
    [Params("1000x100", "5000x500")]
    public string Size { get; set; } = "1000x100";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        (_x, _y) = LinearData.Gaussian(int.Parse(parts[0]), int.Parse(parts[1]), seed: 42);
    }

    [Benchmark]
    public RegularizationPath LassoPath() => Lasso.Path(_x, _y, tol: 1e-7, maxIter: 100000);

    [Benchmark]
    public RegularizationPath ElasticNetPath() => ElasticNet.Path(_x, _y, 0.5, tol: 1e-7, maxIter: 100000);

    [Benchmark]
    public ElasticNetCVResult LassoCV() => new LassoCV { Tol = 1e-7, MaxIter = 100000, MaxDegreeOfParallelism = 1 }.Fit(_x, _y);

    [Benchmark]
    public RidgeModel Ridge() => new Ridge(1.0).Fit(_x, _y);

    [Benchmark]
    public RidgeCVResult RidgeCV() => new RidgeCV(Enumerable.Range(0, 50).Select(i => Math.Pow(10, -3 + 6.0 * i / 49)).ToArray()).Fit(_x, _y);
}

/// <summary>The Gram matrix X^T X: our blocked AVX2 kernel against MathNet's managed product.</summary>
public class LinearGramBenchmarks
{
    private double[] _x = null!;
    private double[] _g = null!;
    private Matrix<double> _m = null!;

    /// <summary>Problem size "n x p".</summary>
    [Params("5000x500", "10000x1000")]
    public string Size { get; set; } = "5000x500";

    private int _n, _p;

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _n = int.Parse(parts[0]); _p = int.Parse(parts[1]);
        (_m, _) = LinearData.Gaussian(_n, _p, seed: 7);
        _x = _m.ToColumnMajorArray();
        _g = new double[_p * _p];
    }

    [Benchmark(Baseline = true)]
    public void OursGram() => GramKernels.Gram(_x, _n, _p, _g);

    [Benchmark]
    public Matrix<double> MathNetTransposeThisAndMultiply() => _m.TransposeThisAndMultiply(_m);
}

/// <summary>Seeded synthetic regression data shaped like bench/anchors/data.py (not bit-identical to it).</summary>
internal static class LinearData
{
    public static (Matrix<double> X, Vector<double> Y) Gaussian(int n, int p, int seed)
    {
        var rng = new Random(seed);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var x = Matrix<double>.Build.Dense(n, p);
        double s = Math.Sqrt(1 - 0.25);
        for (int i = 0; i < n; i++) x[i, 0] = G();
        for (int j = 1; j < p; j++)
            for (int i = 0; i < n; i++) x[i, j] = 0.5 * x[i, j - 1] + s * G();
        var beta = Vector<double>.Build.Dense(p);
        for (int k = 0; k < Math.Max(1, p / 10); k++) beta[rng.Next(p)] = (rng.Next(2) * 2 - 1) * (0.5 + 1.5 * rng.NextDouble());
        var eta = x * beta;
        double mean = eta.Average();
        double sd = Math.Sqrt(eta.Sum(v => (v - mean) * (v - mean)) / n / 4);
        var y = eta + Vector<double>.Build.Dense(n, _ => sd * G());
        return (x, y);
    }
}
