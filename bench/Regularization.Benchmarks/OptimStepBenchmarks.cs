using BenchmarkDotNet.Attributes;
using Regularization.Optim;
using Regularization.Tensors;

namespace Regularization.Benchmarks;

/// <summary>One optimizer step on a flat float32 parameter (W6): SGD-momentum, Adam (coupled L2), AdamW.</summary>
[MemoryDiagnoser]
public class OptimStepBenchmarks
{
    private Optimizer<float> _sgd = null!, _adam = null!, _adamw = null!;

    /// <summary>Parameter size.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Allocates parameters, gradients and state (3 warm-up steps).</summary>
    [GlobalSetup]
    public void Setup()
    {
        Parameter<float> P()
        {
            var rng = new Random(0);
            var p = new Parameter<float>("w", [N]);
            for (int i = 0; i < N; i++) { p.Value[i] = (float)(rng.NextDouble() - 0.5); p.Grad[i] = (float)(rng.NextDouble() - 0.5) * 1e-3f; }
            return p;
        }
        _sgd = Optimizers.Sgd([P()], 0.01, momentum: 0.9, weightDecay: 1e-4);
        _adam = Optimizers.Adam([P()], 1e-3, weightDecay: 1e-4);
        _adamw = Optimizers.AdamW([P()], 1e-3, weightDecay: 1e-2);
        for (int i = 0; i < 3; i++) { _sgd.Step(); _adam.Step(); _adamw.Step(); }
    }

    /// <summary>SGD(momentum 0.9, wd 1e-4).</summary>
    [Benchmark] public void SgdMomentum() => _sgd.Step();

    /// <summary>Adam(wd 1e-4).</summary>
    [Benchmark] public void Adam() => _adam.Step();

    /// <summary>AdamW(wd 1e-2).</summary>
    [Benchmark] public void AdamW() => _adamw.Step();
}
