using Regularization.Nn;
using Regularization.Optim;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

/// <summary>
/// The grid's batched trainer (DecayGridBatch, behind DecayGrid.Run) against the one-model-at-a-time Trainer with the named
/// optimizers, cell by cell, for every style and convention, with and without layer normalization, over 5 epochs (75 steps):
/// the products and the normalization sum in another order, so the two agree to float rounding grown over training, not bit
/// for bit. Training amplifies rounding differences (at the large learning rates, 20 epochs already move a cell's loss by 4e-3
/// relative), so the cell-by-cell check is kept short; <see cref="GridAveragesAgreeOverLongTraining"/> covers long runs.
/// </summary>
public class DecayGridBatchTests
{
    [Theory]
    [InlineData(DecayStyle.AdamL2, DecayConvention.TimesLearningRate, true)]
    [InlineData(DecayStyle.AdamW, DecayConvention.TimesLearningRate, true)]
    [InlineData(DecayStyle.AdamW, DecayConvention.TimesSchedule, true)]
    [InlineData(DecayStyle.AdamL2, DecayConvention.TimesLearningRate, false)]
    [InlineData(DecayStyle.AdamW, DecayConvention.TimesLearningRate, false)]
    public void CellsMatchTheTrainerToFloatRounding(DecayStyle style, DecayConvention convention, bool layerNorm)
    {
        var (small, valid) = ClassificationData<float>.Digits(0.75, seed: 0);
        double[] lrs = [1e-3, 1.6e-2];
        double[] wds = style == DecayStyle.AdamL2 ? [1e-3, 1] : convention == DecayConvention.TimesSchedule ? [1e-4, 1e-2] : [1e-2, 1];
        var o = new TrainOptions(Epochs: 5, BatchSize: 32);
        int[] seeds = [0, 1];
        var grid = DecayGrid.Run(style, small, valid, lrs, wds, o, hidden: [24], seeds: seeds, convention: convention, layerNorm: layerNorm);
        for (int i = 0; i < wds.Length; i++)
            for (int j = 0; j < lrs.Length; j++)
            {
                double loss = 0, err = 0;
                foreach (int s in seeds)
                {
                    var m = new Mlp<float>(64, [24], 10, s, layerNorm);
                    var h = Trainer.Fit(m, DecayGrid.MakeOptimizer(style, m.Parameters, lrs[j], wds[i], convention), small, valid,
                        o with { Seed = s, RecordNorms = false });
                    loss += h.Last.ValLoss / seeds.Length;
                    err += (1 - h.Last.ValAccuracy) / seeds.Length;
                }
                Assert.True(Math.Abs(loss - grid.ValLoss[i, j]) <= 1e-4 * loss,
                    $"cell lr {lrs[j]}, wd {wds[i]}: validation loss {grid.ValLoss[i, j]:R}, Trainer {loss:R}");
                // at most one of the 1347 validation predictions per seed may flip on a near tie
                Assert.True(Math.Abs(err - grid.ValError[i, j]) <= 1.0 / valid.Rows + 1e-12,
                    $"cell lr {lrs[j]}, wd {wds[i]}: validation error {grid.ValError[i, j]:R}, Trainer {err:R}");
            }
    }

    [Fact]
    public void GridAveragesAgreeOverLongTraining()
    {
        // 40 epochs (600 steps) in the stable part of the grid: single cells drift apart chaotically, the averages stay together
        var (small, valid) = ClassificationData<float>.Digits(0.75, seed: 0);
        double[] lrs = [2e-3, 8e-3], wds = [1e-3, 1e-1];
        var o = new TrainOptions(Epochs: 40, BatchSize: 32);
        int[] seeds = [0, 1, 2];
        var grid = DecayGrid.Run(DecayStyle.AdamL2, small, valid, lrs, wds, o, hidden: [32], seeds: seeds, layerNorm: true);
        double loss = 0, err = 0;
        foreach (double lr in lrs)
            foreach (double wd in wds)
                foreach (int s in seeds)
                {
                    var m = new Mlp<float>(64, [32], 10, s, true);
                    var h = Trainer.Fit(m, DecayGrid.MakeOptimizer(DecayStyle.AdamL2, m.Parameters, lr, wd), small, valid, o with { Seed = s, RecordNorms = false });
                    loss += h.Last.ValLoss / 12; err += (1 - h.Last.ValAccuracy) / 12;
                }
        double gLoss = grid.ValLoss.Cast<double>().Average(), gErr = grid.ValError.Cast<double>().Average();
        Assert.True(Math.Abs(gLoss - loss) <= 0.05 * loss, $"mean validation loss {gLoss:R}, Trainer {loss:R}");
        Assert.True(Math.Abs(gErr - err) <= 0.005, $"mean validation error {gErr:R}, Trainer {err:R}");
    }

    [Fact]
    public void DivergedCellIsNaNAndOthersAreNot()
    {
        var (small, valid) = ClassificationData<float>.Digits(0.75, seed: 0);
        // a decay of 1e10 per step flips and multiplies the weights by 1e10 every step: float overflow within a few steps
        var grid = DecayGrid.Run(DecayStyle.AdamW, small, valid, [1e-3], [0, 1e10], new TrainOptions(Epochs: 2, BatchSize: 32), hidden: [8], seeds: [0],
            convention: DecayConvention.TimesSchedule);
        var m = new Mlp<float>(64, [8], 10, 0);
        Assert.ThrowsAny<Exception>(() => Trainer.Fit(m, DecayGrid.MakeOptimizer(DecayStyle.AdamW, m.Parameters, 1e-3, 1e10, DecayConvention.TimesSchedule),
            small, valid, new TrainOptions(Epochs: 2, BatchSize: 32)));   // the one-model trainer stops too
        Assert.False(double.IsNaN(grid.ValLoss[0, 0]));
        Assert.True(double.IsNaN(grid.ValLoss[1, 0]) && double.IsNaN(grid.ValError[1, 0]), $"loss {grid.ValLoss[1, 0]}, error {grid.ValError[1, 0]}");
    }
}
