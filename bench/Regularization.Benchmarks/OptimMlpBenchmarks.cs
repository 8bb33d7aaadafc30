using BenchmarkDotNet.Attributes;
using Regularization.Nn;
using Regularization.Optim;

namespace Regularization.Benchmarks;

/// <summary>20 epochs of the digits MLP 64-128-10 with AdamW, batch 64 (W9).</summary>
public class OptimMlpBenchmarks
{
    private ClassificationData<float> _data = null!;

    /// <summary>Loads digits.</summary>
    [GlobalSetup]
    public void Setup() => _data = ClassificationData<float>.From(Regularization.Data.Datasets.Digits(), scale: 1.0 / 16);

    /// <summary>Model construction and the 20-epoch loop.</summary>
    [Benchmark]
    public double Digits20Epochs()
    {
        var model = new Mlp<float>(64, [128], 10, seed: 0);
        var h = Trainer.Fit(model, Optimizers.AdamW(model.Parameters, 1e-3, weightDecay: 1e-2), _data, null,
            new TrainOptions(Epochs: 20, BatchSize: 64, RecordNorms: false));
        return h.Last.TrainLoss;
    }
}
