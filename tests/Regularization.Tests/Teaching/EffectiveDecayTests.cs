using Regularization.Optim;
using Regularization.Teaching;

namespace Regularization.Tests.Teaching;

public class EffectiveDecayTests
{
    [Fact]
    public void FirstStepMatchesTheClosedForms()
    {
        double[] w = [1.0, -2.0, 0.5, 3.0], g = [0.3, 1e-3, -4.0, 0.0];
        double lr = 0.01, lam = 0.1, eps = 1e-8;
        var l2 = EffectiveDecay.FirstStep(DecayStyle.AdamL2, w, g, lr, lam);
        var aw = EffectiveDecay.FirstStep(DecayStyle.AdamW, w, g, lr, lam);
        for (int i = 0; i < w.Length; i++)
        {
            double u = g[i] + lam * w[i];
            Assert.Equal(lr * u / (Math.Abs(u) + eps), l2[i], 1e-15);
            Assert.Equal(lr * (g[i] / (Math.Abs(g[i]) + eps) + lam * w[i]), aw[i], 1e-15);
        }
        Assert.Throws<ArgumentException>(() => EffectiveDecay.FirstStep(DecayStyle.AdamW, w, [1.0], lr, lam));
    }

    [Fact]
    public void NoiseExperimentMatchesTheory()
    {
        double[] sigmas = [1e-3, 1, 10];
        var w = EffectiveDecay.NoiseExperiment(DecayStyle.AdamW, sigmas, steps: 400, replicates: 1000);
        Assert.All(w, p => Assert.InRange(p.Ratio, 0.9, 1.1));
        var l2 = EffectiveDecay.NoiseExperiment(DecayStyle.AdamL2, sigmas, steps: 400, replicates: 1000);
        // ratio ≈ 1/sqrt(σ² + (λw)²) with λ = 0.1 and w near 1
        Assert.InRange(l2[1].Ratio, 0.9 / Math.Sqrt(1.01), 1.1 / Math.Sqrt(1.01));
        Assert.InRange(l2[2].Ratio, 0.08, 0.12);
        Assert.True(l2[0].Ratio > 8, $"small-gradient weights decay faster than nominal: {l2[0].Ratio}");
        Assert.Equal(1e-3 * 0.1, l2[0].NominalDecayPerStep, 15);
        // seeded: identical on a second call
        Assert.Equal(l2.Select(p => p.DecayPerStep), EffectiveDecay.NoiseExperiment(DecayStyle.AdamL2, sigmas, steps: 400, replicates: 1000).Select(p => p.DecayPerStep));
    }

    [Fact]
    public void FromAdamStateReadsTheBiasCorrectedSecondMoment()
    {
        var p = new Parameter<float>("w", [3], ParameterRole.Weight, [1f, -2f, 0.5f]);
        var opt = Optimizers.Adam([p], learningRate: 1e-3, weightDecay: 0.1);
        float[] g = [0.3f, 0f, -4f];
        g.CopyTo(p.Grad, 0);
        var w0 = (float[])p.Value.Clone();
        opt.Step();
        var (rms, decay) = EffectiveDecay.FromAdamState(opt, p, 1e-3, 0.1);
        for (int i = 0; i < 3; i++)
        {
            double u = g[i] + 0.1 * w0[i];   // after one step v̂ = u²
            Assert.Equal(Math.Abs(u), rms[i], 1e-5 * Math.Abs(u));   // float state
            double d = 1e-3 * 0.1 / (Math.Abs(u) + 1e-8);
            Assert.Equal(d, decay[i], 1e-5 * d);
        }
        var fresh = Optimizers.Adam([new Parameter<float>("v", [2])], learningRate: 1e-3);
        Assert.Throws<InvalidOperationException>(() => EffectiveDecay.FromAdamState(fresh, fresh.Parameters.First(), 1e-3, 0.1));
    }
}
