using Regularization.Kernels;
using Regularization.Nn;
using Regularization.Optim;

namespace Regularization.Tests.Nn;

public class LayerNormTests
{
    private static double[] Random(int n, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray();
    }

    [Fact]
    public void KernelsMatchScalarReference()
    {
        int b = 4, f = 13; double eps = 1e-5;
        var x = Random(b * f, 1, 3); var gamma = Random(f, 2); var beta = Random(f, 3); var dy = Random(b * f, 4);
        var xhat = new double[b * f]; var rstd = new double[b]; var y = new double[b * f];
        LayerNormKernels.Forward<double>(x, b, f, gamma, beta, eps, xhat, rstd, y);
        var dgamma = new double[f]; var dbeta = new double[f]; var dx = new double[b * f];
        LayerNormKernels.Backward<double>(dy, xhat, rstd, b, f, gamma, dgamma, dbeta, dx);

        // scalar reference: the textbook formulas, and the input gradient by central differences of sum(dy * y)
        double Objective(double[] xs)
        {
            double s = 0;
            for (int r = 0; r < b; r++)
            {
                var row = xs.AsSpan(r * f, f).ToArray();
                double mu = row.Average(), var = row.Select(v => (v - mu) * (v - mu)).Average();
                for (int i = 0; i < f; i++) s += dy[r * f + i] * (gamma[i] * (row[i] - mu) / Math.Sqrt(var + eps) + beta[i]);
            }
            return s;
        }
        for (int r = 0; r < b; r++)
        {
            var row = x.AsSpan(r * f, f).ToArray();
            double mu = row.Average(), var = row.Select(v => (v - mu) * (v - mu)).Average();
            Assert.Equal(1 / Math.Sqrt(var + eps), rstd[r], 12);
            for (int i = 0; i < f; i++) Assert.Equal(gamma[i] * (row[i] - mu) / Math.Sqrt(var + eps) + beta[i], y[r * f + i], 12);
        }
        for (int i = 0; i < f; i++)
        {
            double sg = 0, sb = 0;
            for (int r = 0; r < b; r++) { sg += dy[r * f + i] * xhat[r * f + i]; sb += dy[r * f + i]; }
            Assert.Equal(sg, dgamma[i], 12); Assert.Equal(sb, dbeta[i], 12);
        }
        for (int k = 0; k < x.Length; k++)
        {
            var xp = (double[])x.Clone(); xp[k] += 1e-6; var xm = (double[])x.Clone(); xm[k] -= 1e-6;
            Assert.Equal((Objective(xp) - Objective(xm)) / 2e-6, dx[k], 6);
        }
    }

    [Fact]
    public void MlpWithLayerNormHasPyTorchNamesAndRoles()
    {
        var m = new Mlp<float>(64, [32, 16], 10, seed: 0, layerNorm: true);
        Assert.Equal(["fc1.weight", "ln1.weight", "ln1.bias", "fc2.weight", "ln2.weight", "ln2.bias", "fc3.weight", "fc3.bias"], m.Parameters.Select(p => p.Name));
        Assert.Null(m.Layers[0].Bias);
        Assert.All(m.Norms, n => Assert.All(n.Gamma.Value, g => Assert.Equal(1f, g)));
        Assert.Equal(3, m.Weights.Count);
        Assert.Equal(["ln1.weight", "ln1.bias", "ln2.weight", "ln2.bias", "fc3.bias"], m.Biases.Select(p => p.Name));
        var opt = Optimizers.AdamW(m.Parameters, learningRate: 1e-3, weightDecay: 0.1, noDecay: NoDecay.BiasAndNorm);
        Assert.Equal(["fc1.weight", "fc2.weight", "fc3.weight"], opt.DecayAudit().Where(r => r.Decayed).Select(r => r.Parameter));
        Assert.Contains("64 → 32 LayerNorm ReLU → 16 LayerNorm ReLU → 10", m.ToString());
        var clone = m.Clone();
        Assert.True(clone.HasLayerNorm);
        Assert.Equal(m.Parameters.Select(p => p.Name), clone.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void GradientsMatchCentralFiniteDifferences()
    {
        var m = new Mlp<double>(5, [7, 6], 4, seed: 3, layerNorm: true);
        foreach (var n in m.Norms)   // move γ, β off their initial 1, 0 so their gradients are exercised in general position
        {
            var g = Random(n.Features, 11); var be = Random(n.Features, 12);
            for (int i = 0; i < n.Features; i++) { n.Gamma.Value[i] = 1 + 0.3 * g[i]; n.Beta.Value[i] = 0.2 * be[i]; }
        }
        var x = Random(9 * 5, 1); var rng = new Random(2); var y = Enumerable.Range(0, 9).Select(_ => rng.Next(4)).ToArray();
        MlpGradientCheck.AssertMatches(m, x, y, 9);
    }

    [Fact]
    public void HiddenWeightsAreScaleInvariantAndTheirGradientIsOrthogonal()
    {
        var m = new Mlp<double>(6, [8], 3, seed: 5, layerNorm: true);
        var x = Random(10 * 6, 7); var y = Enumerable.Range(0, 10).Select(i => i % 3).ToArray();
        var before = new double[10 * 3]; m.Logits(x, 10, before);
        var (loss, _) = m.ForwardBackward(x, y, 10);
        var w = m.Layers[0].Weight;
        double dot = 0, wn = 0, gn = 0;
        for (int i = 0; i < w.Length; i++) { dot += w.Value[i] * w.Grad[i]; wn += w.Value[i] * w.Value[i]; gn += w.Grad[i] * w.Grad[i]; }
        // L(cW) = L(W) for c > 0, so d/dc L(cW) = <W, ∇L> = 0 at c = 1, up to the ε = 1e-5 added to variances of about 0.1
        Assert.True(Math.Abs(dot) < 1e-3 * Math.Sqrt(wn * gn), $"<W, grad> = {dot:E3}, |W||grad| = {Math.Sqrt(wn * gn):E3}");
        for (int i = 0; i < w.Length; i++) w.Value[i] *= 5;
        var after = new double[10 * 3]; m.Logits(x, 10, after);
        // the invariance is exact up to ε = 1e-5 in the variance
        for (int i = 0; i < before.Length; i++) Assert.True(Math.Abs(before[i] - after[i]) < 1e-4, $"logit {i}: {before[i]} before, {after[i]} after scaling");
        Assert.True(Math.Abs(loss - m.ForwardBackward(x, y, 10).Loss) < 1e-4);
        // and the gradient scales like 1/c
        double gn5 = 0;
        for (int i = 0; i < w.Length; i++) gn5 += w.Grad[i] * w.Grad[i];
        Assert.True(gn > 0);
        Assert.True(Math.Abs(25 * gn5 / gn - 1) < 1e-3, $"25 |grad(5W)|² / |grad(W)|² = {25 * gn5 / gn}");
    }
}
