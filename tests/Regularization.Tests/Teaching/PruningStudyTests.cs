using Regularization.Nn;
using Regularization.Pruning;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

public class PruningStudyTests
{
    private static readonly (ClassificationData<float> Train, ClassificationData<float> Test) Data = ClassificationData<float>.Digits(0.25, seed: 0);
    private static readonly PruningStudyOptions Small = new(BaseEpochs: 3, RetrainEpochs: 1, GradualEpochs: 2, BatchSize: 64, Hidden: [16]);

    [Fact]
    public void OptimizersPenalizeWeightsOnly()
    {
        var m = new Mlp<float>(64, [16], 10, 0);
        Assert.All(PruningStudy.MakeOptimizer(PruningRegularizer.None, m, 1e-3, 0).DecayAudit(), r => Assert.False(r.Decayed));
        var l2 = PruningStudy.MakeOptimizer(PruningRegularizer.L2, m, 1e-3, 1e-3).DecayAudit();
        Assert.All(l2, r => Assert.Equal(r.Role == Regularization.Tensors.ParameterRole.Weight ? "coupled L2" : "none", r.Kind));
        var l1 = PruningStudy.MakeOptimizer(PruningRegularizer.L1, m, 1e-3, 0.1).DecayAudit();
        Assert.All(l1, r => Assert.Equal(r.Role == Regularization.Tensors.ParameterRole.Weight ? "proximal L1" : "none", r.Kind));
    }

    [Fact]
    public void L1BaseHasExactZerosAndL2BaseASmallerNorm()
    {
        var none = PruningStudy.TrainBase(PruningRegularizer.None, 0, Data.Train, Small);
        var l1 = PruningStudy.TrainBase(PruningRegularizer.L1, 1.0, Data.Train, Small);
        var l2 = PruningStudy.TrainBase(PruningRegularizer.L2, 3e-2, Data.Train, Small);
        Assert.Equal(0, none.Weights.Sum(p => p.CountZeros()));
        Assert.True(l1.Weights.Sum(p => p.CountZeros()) > 100, "proximal L1 sets weights exactly to zero");
        Assert.True(l1.Biases.Sum(p => p.CountZeros()) == 0, "biases are not thresholded");
        double Norm(Mlp<float> m) => Math.Sqrt(m.Weights.Sum(p => p.Norm() * p.Norm()));
        Assert.True(Norm(l2) < Norm(none));
        Assert.Equal(l1.Weights.Sum(p => p.Length - p.CountZeros()), PruningStudy.NonZeroWeights(l1.Weights).Length);
    }

    [Fact]
    public void ReplicateSummarizesOneRunPerSeed()
    {
        (PruningRegularizer, double)[] specs = [(PruningRegularizer.None, 0), (PruningRegularizer.L1, 0.5)];
        double[] targets = [0.5, 0.9];
        var stats = PruningStudy.Replicate(specs, Data.Train, Data.Test, targets, [4, 7], Small);
        Assert.Equal(6, stats.Count);
        Assert.Equal(["None, one-shot", "None, prune-and-retrain", "None, gradual", "L1, one-shot", "L1, prune-and-retrain", "L1, gradual"], stats.Select(c => c.Name));
        // seed 7's runs are exactly what one study with seed 7 gives
        var o7 = Small with { Seed = 7 };
        var bases7 = specs.Select(sp => (sp.Item1, sp.Item2, PruningStudy.TrainBase(sp.Item1, sp.Item2, Data.Train, o7))).ToArray();
        var run7 = PruningStudy.Run(bases7, Data.Train, Data.Test, targets, o7);
        for (int c = 0; c < 6; c++) Assert.Equal(run7[c].Accuracy, stats[c].Runs[1].Accuracy);
        foreach (var st in stats)
            for (int i = 0; i < targets.Length; i++)
            {
                double a = st.Runs[0].Accuracy[i], b = st.Runs[1].Accuracy[i];
                Assert.Equal((a + b) / 2, st.MeanAccuracy[i], 12);
                Assert.Equal(Math.Abs(a - b) / Math.Sqrt(2), st.StdAccuracy[i], 12);
            }
        Assert.Equal(stats[4].MeanAccuracy[1], stats[4].MeanAt(0.88));
        double base7 = bases7[1].Item3.Evaluate(Data.Test).Accuracy;
        var o4 = Small with { Seed = 4 };
        double base4 = PruningStudy.TrainBase(PruningRegularizer.L1, 0.5, Data.Train, o4).Evaluate(Data.Test).Accuracy;
        Assert.Equal((base4 + base7) / 2, stats[3].BaseAccuracy, 12);
        Assert.Throws<ArgumentException>(() => PruningStudy.Replicate(specs, Data.Train, Data.Test, targets, [], Small));
        Assert.Throws<ArgumentException>(() => PruningCurveStats.From([stats[0].Runs[0], stats[1].Runs[0]], [0.9, 0.9]));
    }

    [Fact]
    public void RunIsDeterministicAndLeavesTheBasesAlone()
    {
        var model = PruningStudy.TrainBase(PruningRegularizer.None, 0, Data.Train, Small);
        var before = model.Weights.SelectMany(p => p.Value).ToArray();
        var bases = new[] { (PruningRegularizer.None, 0.0, model) };
        double[] s = [0.9, 0.5];
        var a = PruningStudy.Run(bases, Data.Train, Data.Test, s, Small, maxParallelism: 1);
        var b = PruningStudy.Run(bases, Data.Train, Data.Test, s, Small, maxParallelism: 2);
        Assert.Equal(before, model.Weights.SelectMany(p => p.Value).ToArray());
        Assert.Equal(3, a.Count);
        Assert.Equal(a.SelectMany(c => c.Accuracy), b.SelectMany(c => c.Accuracy));
        Assert.All(a, c => Assert.Equal([0.5, 0.9], c.Sparsity.Select(x => Math.Round(x, 3))));
        // one-shot equals the library's curve; gradual point equals a direct call
        Assert.Equal(PruningCurves.OneShot(model, Data.Test, [0.5, 0.9]).Select(p => p.Accuracy), a[0].Accuracy);
        var g = PruningCurves.Gradual(model, m => PruningStudy.MakeOptimizer(PruningRegularizer.None, m, Small.LearningRate, 0), Data.Train, Data.Test, [0.9],
            new TrainOptions(Small.GradualEpochs, Small.BatchSize, Small.Seed));
        Assert.Equal(g[0].Accuracy, a[2].AccuracyAt(0.9));
        Assert.Equal("None, gradual", a[2].Name);
    }

    [Fact]
    public void BadSparsityIsRejected()
    {
        var m = new Mlp<float>(64, [4], 10, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => PruningStudy.Run([(PruningRegularizer.None, 0.0, m)], Data.Train, Data.Test, [1.5], Small));
    }
}
