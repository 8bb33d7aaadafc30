using Regularization.Optim;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// Why L2 inside Adam decays weights with large gradients less (notebook 06). Two measurements:
/// <list type="bullet">
/// <item><see cref="NoiseExperiment"/>: weights that start at <c>w_0 = 1</c> and see only zero-mean gradient noise of scale σ,
/// so the decay is the only systematic force; the mean over many replicate weights shows how fast the decay shrinks them.</item>
/// <item><see cref="FromAdamState"/>: the per-weight decay factor implied by a trained Adam's second moments.</item>
/// </list>
/// </summary>
public static class EffectiveDecay
{
    /// <summary>
    /// For each σ in <paramref name="gradientScales"/>, <paramref name="replicates"/> weights start at 1 and receive the gradient
    /// <c>σ · N(0, 1)</c> (seeded) for <paramref name="steps"/> steps of Adam+L2 or AdamW with the given learning rate and decay.
    /// Returns the measured decay rate per step of the replicate mean, next to the nominal <c>lr · λ</c>.
    /// Theory: AdamW gives a ratio of 1 at every σ; for Adam+L2 the decay term <c>λ w</c> is divided by the RMS of what Adam sees,
    /// <c>sqrt(σ² + (λ w)²)</c>, so the ratio is about <c>1 / sqrt(σ² + (λ w)²)</c>: near <c>1/σ</c> once σ ≫ λw.
    /// </summary>
    public static IReadOnlyList<EffectiveDecayPoint> NoiseExperiment(DecayStyle style, IReadOnlyList<double> gradientScales,
        double learningRate = 1e-3, double weightDecay = 0.1, int steps = 1000, int replicates = 2000, int seed = 0)
    {
        Guard.NotNull(gradientScales, nameof(gradientScales));
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.Positive(weightDecay, nameof(weightDecay));
        Guard.AtLeast(steps, 1, nameof(steps));
        Guard.AtLeast(replicates, 1, nameof(replicates));
        foreach (var s in gradientScales) Guard.Positive(s, nameof(gradientScales));
        int k = gradientScales.Count, n = k * replicates;
        var w = new double[n];
        Array.Fill(w, 1.0);
        var p = new Parameter<double>("w", [k, replicates], ParameterRole.Weight, w);
        var opt = style == DecayStyle.AdamL2
            ? Optimizers.Adam([p], learningRate: learningRate, weightDecay: weightDecay)
            : Optimizers.AdamW([p], learningRate: learningRate, weightDecay: weightDecay);
        var rng = new Random(seed);
        for (int t = 0; t < steps; t++)
        {
            for (int g = 0; g < k; g++)
            {
                double s = gradientScales[g];
                for (int r = 0; r < replicates; r++) p.Grad[g * replicates + r] = s * Gaussian(rng);
            }
            opt.Step();
        }
        var points = new EffectiveDecayPoint[k];
        for (int g = 0; g < k; g++)
        {
            double mean = 0;
            for (int r = 0; r < replicates; r++) mean += w[g * replicates + r];
            mean /= replicates;
            points[g] = new EffectiveDecayPoint(gradientScales[g], -Math.Log(mean) / steps, learningRate * weightDecay);
        }
        return points;
    }

    /// <summary>
    /// The per-weight decay of Adam+L2 read off a trained optimizer: the L2 term <c>λ w</c> is divided by Adam's denominator,
    /// so weight i shrinks by the factor <c>lr · λ / (sqrt(v̂_i) + eps)</c> per step instead of <c>lr · λ</c>, where
    /// <c>v̂ = exp_avg_sq / (1 − β2^t)</c>. Returns <c>(RmsGradient_i = sqrt(v̂_i), DecayPerStep_i)</c> for every entry of
    /// <paramref name="parameter"/>; for AdamW the decay is <c>lr · λ</c> whatever the gradient.
    /// </summary>
    public static (double[] RmsGradient, double[] DecayPerStep) FromAdamState(Optimizer<float> optimizer, Parameter<float> parameter,
        double learningRate, double weightDecay, double beta2 = 0.999, double eps = 1e-8)
    {
        Guard.NotNull(optimizer, nameof(optimizer));
        Guard.NotNull(parameter, nameof(parameter));
        var v = optimizer.StateBuffer(parameter, "exp_avg_sq")
            ?? throw new InvalidOperationException($"the optimizer has no exp_avg_sq for {parameter.Name}: take at least one Adam step first.");
        double bc2 = 1 - Math.Pow(beta2, optimizer.StepCount);
        var rms = new double[v.Length];
        var decay = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            rms[i] = Math.Sqrt(v[i] / bc2);
            decay[i] = learningRate * weightDecay / (rms[i] + eps);
        }
        return (rms, decay);
    }

    /// <summary>
    /// The very first update <c>w_0 − w_1</c> of Adam+L2 or AdamW from weights <paramref name="weights"/> with gradient
    /// <paramref name="gradient"/> (fresh optimizer, so <c>m̂ = u</c> and <c>v̂ = u²</c>). Closed forms, with ε = 1e-8:
    /// Adam+L2 <c>lr (g + λw) / (|g + λw| + ε)</c>, AdamW <c>lr (g / (|g| + ε) + λ w)</c>.
    /// </summary>
    public static double[] FirstStep(DecayStyle style, IReadOnlyList<double> weights, IReadOnlyList<double> gradient, double learningRate, double weightDecay)
    {
        Guard.NotNull(weights, nameof(weights));
        Guard.NotNull(gradient, nameof(gradient));
        Guard.SameLength(gradient.Count, weights.Count, nameof(gradient), "weights.Count");
        var w0 = weights.ToArray();
        var p = new Parameter<double>("w", [w0.Length], ParameterRole.Weight, (double[])w0.Clone());
        gradient.ToArray().CopyTo(p.Grad, 0);
        var opt = style == DecayStyle.AdamL2
            ? Optimizers.Adam([p], learningRate: learningRate, weightDecay: weightDecay)
            : Optimizers.AdamW([p], learningRate: learningRate, weightDecay: weightDecay);
        opt.Step();
        return w0.Select((v, i) => v - p.Value[i]).ToArray();
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
