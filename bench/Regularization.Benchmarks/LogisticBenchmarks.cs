using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using Regularization.Logistic;

namespace Regularization.Benchmarks;

/// <summary>
/// BenchmarkDotNet view of W5 (the side-by-side ratios against scikit-learn and glmnet come from bench/logistic_vs_peers.sh).
/// Uses bench-data's binom_N_P when present (run anchors/data.py), otherwise a seeded synthetic problem of the same shape.
/// <c>dotnet run -c Release --project bench/Regularization.Benchmarks -- --filter '*LogisticBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
public class LogisticBenchmarks
{
    private Matrix<double> _x = null!;
    private Vector<double> _y = null!;

    /// <summary>Problem shape "NxP".</summary>
    [Params("5000x500", "20000x200")]
    public string Shape { get; set; } = "5000x500";

    /// <summary>Loads or generates the data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        MathNet.Numerics.Control.UseSingleThread();
        var parts = Shape.Split('x');
        int n = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), p = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            (_x, _y) = Workloads.LoadBinom(n, p);
        }
        catch (IOException)
        {
            var rng = new Random(20240);
            _x = Matrix<double>.Build.Dense(n, p, (_, _) => 2 * rng.NextDouble() - 1);
            var beta = Vector<double>.Build.Dense(p, j => j % 10 == 0 ? 1.0 : 0.0);
            var eta = _x * beta;
            _y = Vector<double>.Build.Dense(n, i => rng.NextDouble() < 1 / (1 + Math.Exp(-eta[i])) ? 1.0 : 0.0);
        }
    }

    /// <summary>Binary L2 at C = 1, tol 1e-4.</summary>
    [Benchmark]
    public LogisticModel L2() => new LogisticRegression(1.0, LogisticPenalty.L2).Fit(_x, _y);

    /// <summary>Binary L1 at C = 1, tol 1e-4.</summary>
    [Benchmark]
    public LogisticModel L1() => new LogisticRegression(1.0, LogisticPenalty.L1).Fit(_x, _y);

    /// <summary>L1 path, 100 lambdas from lambda_max to 1/N.</summary>
    [Benchmark]
    public LogisticPath L1Path()
    {
        var est = new LogisticRegression(penalty: LogisticPenalty.L1);
        double lmax = est.LambdaMax(_x, _y);
        return est.Path(_x, _y, nLambdas: 100, lambdaMinRatio: 1.0 / _x.RowCount / lmax);
    }
}
