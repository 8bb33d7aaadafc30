using Regularization.Exercises.AnswerKeys;
using Regularization.Nn;
using Regularization.Optim;
using Regularization.Pruning;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

/// <summary>The checks of notebooks 06 and 07 accept correct answers, reject wrong ones with feedback and never throw.</summary>
public class Notebook06And07AnswerKeyTests
{
    [Fact]
    public void Notebook06Checks()
    {
        double[] w = [1.0, -2.0, 0.5], g = [0.3, 1e-3, -4.0];
        Assert.True(Notebook06.Exercise1(() => w.Select((wi, i) => { double u = g[i] + 0.1 * wi; return 0.01 * u / (Math.Abs(u) + 1e-8); }).ToArray()).Passed);
        var wrong = Notebook06.Exercise1(() => w.Select((wi, i) => 0.01 * (Math.Sign(g[i]) + 0.1 * wi)).ToArray());  // the AdamW step
        Assert.False(wrong.Passed);
        Assert.Contains("Hint", wrong.Feedback);
        Assert.Contains("not answered yet", Notebook06.Exercise1(() => throw new NotImplementedException()).Feedback);

        Assert.True(Notebook06.Exercise2(() => 1 / Math.Sqrt(4.01)).Passed);
        Assert.False(Notebook06.Exercise2(() => 1.0).Passed);
        Assert.True(Notebook06.Exercise3(() => 0.05 * Math.Sqrt(32.0 / (449 * 80))).Passed);
        Assert.False(Notebook06.Exercise3(() => 0.05).Passed);

        var m = new Mlp<float>(64, [8], 10, 0);
        Assert.True(Notebook06.Exercise4(() => Optimizers.AdamW(m.Groups(biasWeightDecay: 0), weightDecay: 0.05), m).Passed);
        var coupled = Notebook06.Exercise4(() => Optimizers.Adam(m.Parameters, weightDecay: 0.05, noDecay: NoDecay.BiasAndNorm), m);
        Assert.False(coupled.Passed);
        Assert.Contains("coupled", coupled.Feedback);
        Assert.False(Notebook06.Exercise4(() => Optimizers.AdamW(m.Parameters, weightDecay: 0.05), m).Passed);
    }

    [Fact]
    public void Notebook07Checks()
    {
        Assert.True(Notebook07.Exercise1(() => 8525L).Passed);
        Assert.False(Notebook07.Exercise1(() => 8524L).Passed);
        Assert.True(Notebook07.Exercise2(() => 128L).Passed);
        Assert.False(Notebook07.Exercise2(() => 1152L).Passed);

        var m = new Mlp<float>(64, [8], 10, 3);
        var mags = m.Weights.SelectMany(p => p.Value).Select(v => Math.Abs((double)v)).Order().ToArray();
        long k = (long)Math.Round(0.8 * mags.Length, MidpointRounding.ToEven);
        Assert.True(Notebook07.Exercise3(() => mags[k - 1], m).Passed);
        Assert.True(Notebook07.Exercise3(() => mags[k], m).Passed);
        Assert.False(Notebook07.Exercise3(() => mags[k + 5], m).Passed);

        var (train, test) = ClassificationData<float>.Digits(0.25, seed: 0);
        var o = new PruningStudyOptions(BaseEpochs: 2, BatchSize: 64, Hidden: [16]);
        var bases = new[] { (PruningRegularizer.None, 0.0, PruningStudy.TrainBase(PruningRegularizer.None, 0, train, o)),
                            (PruningRegularizer.L1, 0.1, PruningStudy.TrainBase(PruningRegularizer.L1, 0.1, train, o)) };
        var best = bases.MaxBy(b => PruningCurves.OneShot(b.Item3, test, [0.9])[0].Accuracy).Item1;
        Assert.True(Notebook07.Exercise4(() => best, bases, test).Passed);
        Assert.False(Notebook07.Exercise4(() => PruningRegularizer.L2, bases, test).Passed);

        Assert.True(Notebook07.Exercise5(() => 0.9 * (1 - Math.Pow(1 - 200.0 / 500, 3))).Passed);
        Assert.False(Notebook07.Exercise5(() => 0.9 * 200.0 / 500).Passed);
    }
}
