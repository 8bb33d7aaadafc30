using Regularization.Nn;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

public class DecayGridTests
{
    private static DecayGridResult Synthetic(Func<double, double, double> loss, double[] lrs, double[] wds)
    {
        var l = new double[wds.Length, lrs.Length];
        var e = new double[wds.Length, lrs.Length];
        for (int i = 0; i < wds.Length; i++)
            for (int j = 0; j < lrs.Length; j++) { l[i, j] = loss(lrs[j], wds[i]); e[i, j] = l[i, j] / 10; }
        return new DecayGridResult(DecayStyle.AdamW, lrs, wds, e, l);
    }

    private static readonly double[] Lrs = [1e-3, 1e-2, 1e-1];
    private static readonly double[] Wds = [1e-4, 1e-3, 1e-2, 1e-1, 1];

    [Fact]
    public void SeparableSurfaceHasFlatFloorAndNoInteraction()
    {
        // log L = a(lr) + b(wd): best wd is the same for every lr, interaction share 0
        var r = Synthetic((lr, wd) => Math.Exp(Math.Pow(Math.Log10(lr) + 2, 2) + Math.Pow(Math.Log10(wd) + 2, 2)), Lrs, Wds);
        Assert.Equal([1e-2, 1e-2, 1e-2], r.BestDecayPerLearningRate());
        Assert.Equal(0, r.BestDecaySlope(), 12);
        Assert.True(r.InteractionShare() < 1e-12, $"interaction {r.InteractionShare()}");
        Assert.Equal((2, 1), r.Best);
    }

    [Fact]
    public void DiagonalSurfaceHasSlopeMinusOneAndInteraction()
    {
        // the loss depends on lr·wd only: the best wd falls as 1/lr (slope −1 in log-log)
        var r = Synthetic((lr, wd) => 1 + Math.Pow(Math.Log10(lr * wd) + 4, 2), Lrs, Wds);
        Assert.Equal([1e-1, 1e-2, 1e-3], r.BestDecayPerLearningRate());
        Assert.Equal(-1, r.BestDecaySlope(), 12);
        Assert.True(r.InteractionShare() > 0.05, $"interaction {r.InteractionShare()}");
    }

    [Fact]
    public void HarmfulDecayIsTheFirstDecayPastTheMargin()
    {
        var r = Synthetic((lr, wd) => 10 * (0.05 + (wd * lr >= 1e-3 ? 0.1 : 0)), Lrs, Wds); // error = loss / 10
        Assert.Equal([1, 1e-1, 1e-2], r.HarmfulDecayPerLearningRate(0.02));
        var none = Synthetic((lr, wd) => 0.5, Lrs, Wds);
        Assert.All(none.HarmfulDecayPerLearningRate(0.02), v => Assert.True(double.IsNaN(v)));
        Assert.Contains("validation error", r.ToString());
    }

    [Fact]
    public void GridIsDeterministicWhateverTheParallelism()
    {
        var (train, test) = ClassificationData<float>.Digits(0.5, seed: 1);
        var small = new ClassificationData<float>(train.X[..(200 * 64)], train.Y[..200], 64, 10);
        var o = new TrainOptions(Epochs: 2, BatchSize: 50);
        double[] lrs = [1e-3, 1e-2], wds = [0, 1e-2];
        var a = DecayGrid.Run(DecayStyle.AdamL2, small, test, lrs, wds, o, hidden: [16], seeds: [0, 1], maxParallelism: 1);
        var b = DecayGrid.Run(DecayStyle.AdamL2, small, test, lrs, wds, o, hidden: [16], seeds: [0, 1], maxParallelism: 2);
        Assert.Equal(a.ValLoss.Cast<double>(), b.ValLoss.Cast<double>());
        Assert.Equal(a.ValError.Cast<double>(), b.ValError.Cast<double>());
        // a cell equals the mean of the two single-seed runs done by hand
        var runs = new[] { 0, 1 }.Select(s =>
        {
            var m = new Mlp<float>(64, [16], 10, s);
            return Trainer.Fit(m, DecayGrid.MakeOptimizer(DecayStyle.AdamL2, m.Parameters, 1e-2, 1e-2), small, test, o with { Seed = s, RecordNorms = false }).Last.ValLoss;
        }).ToArray();
        Assert.Equal(runs.Average(), a.ValLoss[1, 1], 12);
    }

    [Fact]
    public void GridPassesTheConventionAndTheNormalizationToEachCell()
    {
        var (train, test) = ClassificationData<float>.Digits(0.5, seed: 1);
        var small = new ClassificationData<float>(train.X[..(200 * 64)], train.Y[..200], 64, 10);
        var o = new TrainOptions(Epochs: 2, BatchSize: 50);
        var g = DecayGrid.Run(DecayStyle.AdamW, small, test, [1e-2], [0.05], o, hidden: [16], seeds: [3],
            convention: Regularization.Optim.DecayConvention.TimesSchedule, layerNorm: true);
        Assert.Equal("AdamW (decay per step)", g.Label);
        Assert.True(g.LayerNorm);
        Assert.StartsWith("AdamW (decay per step): validation error", g.ToString());
        double Manual(Regularization.Optim.DecayConvention c, bool ln)
        {
            var m = new Mlp<float>(64, [16], 10, 3, ln);
            return Trainer.Fit(m, DecayGrid.MakeOptimizer(DecayStyle.AdamW, m.Parameters, 1e-2, 0.05, c), small, test, o with { Seed = 3, RecordNorms = false }).Last.ValLoss;
        }
        Assert.Equal(Manual(Regularization.Optim.DecayConvention.TimesSchedule, true), g.ValLoss[0, 0], 12);
        // the cell really used both settings: either one changed alone gives another loss
        Assert.NotEqual(Manual(Regularization.Optim.DecayConvention.TimesLearningRate, true), g.ValLoss[0, 0]);
        Assert.NotEqual(Manual(Regularization.Optim.DecayConvention.TimesSchedule, false), g.ValLoss[0, 0]);
        Assert.Equal("Adam+L2", DecayGrid.Run(DecayStyle.AdamL2, small, test, [1e-2], [0.05], o, hidden: [4], seeds: [0]).Label);
    }

    [Fact]
    public void FitDecaysOnlyWeightsAndRecordsTheirNorm()
    {
        var (train, _) = ClassificationData<float>.Digits(0.8, seed: 0);
        var run = DecayGrid.Fit(DecayStyle.AdamW, train, null, 1e-2, 0.5, new TrainOptions(Epochs: 2, BatchSize: 64), hidden: [8]);
        Assert.Equal(2, run.WeightNorms.Length);
        Assert.Equal(Math.Sqrt(run.Model.Weights.Sum(p => p.Norm() * p.Norm())), run.WeightNorms[^1], 6);
        var audit = run.Optimizer.DecayAudit();
        Assert.All(audit, r => Assert.Equal(r.Role == Regularization.Optim.ParameterRole.Weight, r.Decayed));
    }

    [Fact]
    public void BadGridsAreRejected()
    {
        var (train, test) = ClassificationData<float>.Digits(0.5, seed: 0);
        var o = new TrainOptions(Epochs: 1);
        Assert.Throws<ArgumentException>(() => DecayGrid.Run(DecayStyle.AdamW, train, test, [], [0.1], o));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecayGrid.Run(DecayStyle.AdamW, train, test, [1e-3], [-1], o));
        Assert.Throws<ArgumentException>(() => DecayGrid.Run(DecayStyle.AdamW, train, test, [1e-3], [0.1], o, seeds: []));
    }
}
