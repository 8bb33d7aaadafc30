using System.Diagnostics;
using Regularization.Kernels;
using Regularization.Nn;
using Regularization.Optim;
using Regularization.Pruning;

namespace Regularization.Tests.Nn;

public class MlpTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static (double[] X, int[] Y) Toy(int n, int p, int k, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n * p).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
        return (x, y);
    }

    [Fact]
    public void GradientsMatchCentralFiniteDifferences()
    {
        var m = new Mlp<double>(5, [7, 6], 4, seed: 3);
        var (x, y) = Toy(9, 5, 4, 1);
        Assert.True(MlpGradientCheck.AssertMatches(m, x, y, 9) < 2e-5);
    }

    [Fact]
    public void DenseKernelsMatchScalarReference()
    {
        int b = 5, i = 19, o = 11;
        var rng = new Random(7);
        float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var x = R(b * i); var w = R(o * i); var bias = R(o); var dz = R(b * o);
        var z = new float[b * o];
        DenseKernels.Forward<float>(x, b, i, w, bias, o, z);
        var dw = new float[o * i]; var db = new float[o]; var dx = new float[b * i];
        DenseKernels.Backward<float>(x, dz, b, i, o, w, dw, db, dx);
        for (int r = 0; r < b; r++)
            for (int c = 0; c < o; c++)
            {
                double s = bias[c];
                for (int k = 0; k < i; k++) s += (double)x[r * i + k] * w[c * i + k];
                Assert.Equal(s, z[r * o + c], 4);
            }
        for (int c = 0; c < o; c++)
        {
            for (int k = 0; k < i; k++)
            {
                double s = 0;
                for (int r = 0; r < b; r++) s += (double)dz[r * o + c] * x[r * i + k];
                Assert.Equal(s, dw[c * i + k], 4);
            }
            Assert.Equal(Enumerable.Range(0, b).Sum(r => (double)dz[r * o + c]), db[c], 4);
        }
        for (int r = 0; r < b; r++)
            for (int k = 0; k < i; k++)
                Assert.Equal(Enumerable.Range(0, o).Sum(c => (double)dz[r * o + c] * w[c * i + k]), dx[r * i + k], 4);
    }

    [Fact]
    public void SoftmaxCrossEntropyMatchesClosedForm()
    {
        double[] z = [1.0, 2.0, 0.5, -1, 0, 3];
        int[] y = [1, 0];
        var dz = new double[6];
        var (loss, correct) = DenseKernels.SoftmaxCrossEntropy<double>(z, y, 2, 3, dz, 0.5);
        double l0 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(0.5)) - 2;
        double l1 = Math.Log(Math.Exp(-1) + Math.Exp(0) + Math.Exp(3)) + 1;
        Assert.Equal(l0 + l1, loss, 12);
        Assert.Equal(1, correct);
        Assert.Equal(0.5 * (Math.Exp(2) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(0.5)) - 1), dz[1], 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseKernels.SoftmaxCrossEntropy<double>(z, [1, 3], 2, 3, dz, 1.0));
    }

    [Fact]
    public void DigitsAboveNinetyFivePercentWithAdamW()
    {
        var (train, test) = ClassificationData<float>.Digits(testFraction: 0.25, seed: 0);
        var model = new Mlp<float>(64, [128], 10, seed: 0);
        var opt = Optimizers.AdamW(model.Parameters, learningRate: 3e-3, weightDecay: 1e-2, noDecay: NoDecay.BiasAndNorm);
        var h = Trainer.Fit(model, opt, train, test, new TrainOptions(Epochs: 30, BatchSize: 32, Seed: 0));
        Assert.Equal(30, h.Epochs.Count);
        output.WriteLine($"digits 64-128-10 AdamW(3e-3, 1e-2), 30 epochs, batch 32: test accuracy {h.Last.ValAccuracy:F4}, test loss {h.Last.ValLoss:F4}");
        Assert.True(h.Last.ValAccuracy > 0.95, $"test accuracy {h.Last.ValAccuracy}");
        Assert.True(h.Epochs[0].TrainLoss > h.Last.TrainLoss);
        Assert.Equal(new[] { "all" }, h.Last.GroupNorms.Keys);
        Assert.Equal(4, h.Last.ParameterNorms.Count);
        // seeded: a second run gives identical numbers
        var model2 = new Mlp<float>(64, [128], 10, seed: 0);
        var h2 = Trainer.Fit(model2, Optimizers.AdamW(model2.Parameters, 3e-3, weightDecay: 1e-2, noDecay: NoDecay.BiasAndNorm), train, test,
            new TrainOptions(Epochs: 30, BatchSize: 32, Seed: 0));
        Assert.Equal(h.Last.ValLoss, h2.Last.ValLoss);
        Assert.Equal(model.Predict(test), model2.Predict(test));
    }

    [Fact]
    public void PruneRetrainKeepsMaskAndAccuracy()
    {
        var (train, test) = ClassificationData<float>.Digits(0.25, 0);
        var model = new Mlp<float>(64, [64], 10, seed: 1);
        Trainer.Fit(model, Optimizers.Adam(model.Parameters, 3e-3), train, test, new TrainOptions(Epochs: 12));
        var report = MagnitudePruner.Global(model.Weights, 0.8);
        Assert.Equal(0.8, report.Sparsity, 3);
        var opt = Optimizers.Adam(model.Parameters, 1e-3, weightDecay: 1e-4);
        var h = Trainer.Fit(model, opt, train, test, new TrainOptions(Epochs: 5, Seed: 1));
        Assert.True(h.Last.ValAccuracy > 0.9, $"accuracy after retraining at 80% sparsity: {h.Last.ValAccuracy}");
        foreach (var w in model.Weights)
            for (int i = 0; i < w.Length; i++)
                if (w.Mask![i] == 0) Assert.Equal(0f, w.Value[i]);
        Assert.Equal(0.8, SparsityReport.Of(model.Weights).Sparsity, 3);
    }

    [Fact]
    public void GradualPruningFollowsCubicSchedule()
    {
        var g = new GradualPruning(0.0, 0.9, StartStep: 10, PruningSteps: 4, Frequency: 5);
        Assert.Equal(0, g.SparsityAt(9));
        Assert.Equal(0.0, g.SparsityAt(10), 12);
        Assert.Equal(0.9 - 0.9 * Math.Pow(0.5, 3), g.SparsityAt(20), 12);
        Assert.Equal(0.9, g.SparsityAt(30), 12);
        Assert.True(g.IsPruningStep(25)); Assert.False(g.IsPruningStep(26)); Assert.False(g.IsPruningStep(35));
        var (train, _) = ClassificationData<float>.Digits(0.25, 0);
        var model = new Mlp<float>(64, [32], 10, seed: 2);
        var opt = Optimizers.Sgd(model.Parameters, 0.05, momentum: 0.9);
        Trainer.Fit(model, opt, train, null, new TrainOptions(Epochs: 2, BatchSize: 64, OnStep: s => g.Apply(model.Weights, s)));
        Assert.Equal(0.9, SparsityReport.Of(model.Weights).Sparsity, 3);
    }

    [Fact]
    public void ShapeMismatchThrows()
    {
        var m = new Mlp<double>(4, [3], 2);
        var ex = Assert.Throws<ArgumentException>(() => m.ForwardBackward(new double[7], new int[2], 2));
        Assert.Contains("x has length 7", ex.Message);
        var (train, _) = ClassificationData<double>.Digits();
        Assert.Throws<ArgumentException>(() => Trainer.Fit(m, Optimizers.Sgd(m.Parameters, 0.1), train));
    }
}

public class PruningCurveTests
{
    [Fact]
    public void CurvesOnDigitsBehaveAsInHanEtAl()
    {
        var (train, test) = ClassificationData<float>.Digits(0.25, 0);
        var model = new Mlp<float>(64, [64], 10, seed: 4);
        Trainer.Fit(model, Optimizers.Adam(model.Parameters, 3e-3), train, null, new TrainOptions(Epochs: 10));
        double dense = model.Evaluate(test).Accuracy;
        double[] s = [0.5, 0.9, 0.97];
        var one = PruningCurves.OneShot(model, test, s);
        Assert.Equal(s, one.Select(p => Math.Round(p.Sparsity, 3)).ToArray());
        Assert.True(one[0].Accuracy > dense - 0.03, $"50% one-shot {one[0].Accuracy} vs dense {dense}");
        Assert.True(one[2].Accuracy < one[0].Accuracy);
        var retrain = PruningCurves.PruneAndRetrain(model, m => Optimizers.Adam(m.Parameters, 1e-3), train, test, s, new TrainOptions(Epochs: 2));
        Assert.True(retrain[2].Accuracy > one[2].Accuracy, $"retraining at 97%: {retrain[2].Accuracy} vs one-shot {one[2].Accuracy}");
        var gradual = PruningCurves.Gradual(model, m => Optimizers.Adam(m.Parameters, 2e-3), train, test, [0.9], new TrainOptions(Epochs: 6));
        Assert.Equal(0.9, gradual[0].Sparsity, 3);
        Assert.True(gradual[0].Accuracy > one[1].Accuracy && gradual[0].Accuracy > 0.85, $"gradual to 90%: {gradual[0].Accuracy}, one-shot {one[1].Accuracy}");
        Assert.Null(model.Weights[0].Mask); // the input model is untouched
    }
}
