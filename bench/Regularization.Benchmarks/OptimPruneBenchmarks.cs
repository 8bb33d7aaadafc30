using BenchmarkDotNet.Attributes;
using Regularization.Optim;
using Regularization.Tensors;
using Regularization.Pruning;

namespace Regularization.Benchmarks;

/// <summary>Magnitude pruning of 1e7 float32 weights to 50% and 90% (W8): in place, and keeping a mask on a parameter.</summary>
public class OptimPruneBenchmarks
{
    private float[] _w0 = null!, _w = null!;
    private Parameter<float> _p = null!;

    /// <summary>Target sparsity.</summary>
    [Params(0.5, 0.9)]
    public double Sparsity { get; set; }

    /// <summary>Standard-normal-ish weights.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(0);
        _w0 = new float[10_000_000];
        for (int i = 0; i < _w0.Length; i++) _w0[i] = (float)(rng.NextDouble() - 0.5);
        _w = new float[_w0.Length];
        _p = new Parameter<float>("w", [_w0.Length]);
    }

    /// <summary>Fresh copy before each run (untimed).</summary>
    [IterationSetup]
    public void Reset()
    {
        _w0.CopyTo(_w, 0);
        _w0.CopyTo(_p.Value, 0);
        _p.Mask = null;
    }

    /// <summary>Threshold search and zeroing in place.</summary>
    [Benchmark] public void InPlace() => MagnitudePruner.PruneInPlace<float>(_w, MagnitudePruner.CountToPrune(Sparsity, _w.Length));

    /// <summary>Global pruning of a parameter with a kept mask.</summary>
    [Benchmark] public void GlobalWithMask() => MagnitudePruner.Global([_p], Sparsity);
}
