using Regularization.Kernels;
using Regularization.Optim;

namespace Regularization.Tests.Optim;

public class OptimizerBehaviourTests
{
    [Theory]
    [InlineData("learningRate", -0.1)]
    [InlineData("weightDecay", -1e-3)]
    [InlineData("betas", 1.0)]
    [InlineData("betas", -0.5)]
    [InlineData("eps", 0.0)]
    [InlineData("learningRate", double.NaN)]
    public void BadHyperparametersNameParameterAndValue(string name, double value)
    {
        var w = new Parameter<double>("w", [3]);
        var ex = Assert.ThrowsAny<ArgumentException>(() => name switch
        {
            "learningRate" => Optimizers.Adam([w], learningRate: value),
            "weightDecay" => Optimizers.AdamW([w], weightDecay: value),
            "betas" when value > 0 => Optimizers.Adam([w], betas: (value, 0.999)),
            "betas" => Optimizers.AdamW([w], betas: (0.9, value)),
            _ => Optimizers.Adam([w], eps: value),
        });
        Assert.Equal(name, ex.ParamName);
        string v = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(name == "betas" ? (value > 0 ? $"betas = ({v}, 0.999)" : $"betas = (0.9, {v})") : $"{name} = {v}", ex.Message);
    }

    [Fact]
    public void BadGroupOverridesAndDuplicatesThrow()
    {
        var w = new Parameter<double>("w", [3]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.Sgd([new ParamGroup<double>("g", [w], LearningRate: -1)], 0.1));
        Assert.Contains("groups[g].LearningRate = -1", ex.Message);
        Assert.Throws<ArgumentException>(() => Optimizers.Sgd([new ParamGroup<double>("a", [w]), new ParamGroup<double>("b", [w])], 0.1));
        Assert.Throws<ArgumentException>(() => new Trace<double>(0.0, nesterov: true));
        Assert.Throws<ArgumentException>(() => new Parameter<double>("w", [2, 2], value: new double[3]));
    }

    [Fact]
    public void NaNGradientIsReported()
    {
        var w = new Parameter<float>("fc1.weight", [5000]);
        var opt = Optimizers.Sgd([w], 0.1);
        w.Grad[4321] = float.NaN;
        var ex = Assert.Throws<NonFiniteGradientException>(() => opt.Step());
        Assert.Equal("fc1.weight", ex.Parameter);
        Assert.Equal(4321, ex.Index);
        Assert.Contains("fc1.weight[4321]", ex.Message);
        w.Grad[4321] = float.PositiveInfinity;
        Assert.Throws<NonFiniteGradientException>(() => opt.Step());
    }

    [Fact]
    public void StateRoundTripsThroughJsonExactly()
    {
        var w0 = Reference06.W0; var g = Reference06.GradsW;
        Parameter<double> W() => new("w", [10], value: (double[])w0.Clone());
        var a = W();
        var optA = Optimizers.Adam([a], 1e-2, weightDecay: 0.1, amsgrad: true);
        for (int t = 0; t < 7; t++) { g[t].CopyTo(a.Grad, 0); optA.Step(); }
        string json = optA.SaveStateJson();
        var b = W(); a.Value.CopyTo(b.Value, 0);
        var optB = Optimizers.Adam([b], 1e-2, weightDecay: 0.1, amsgrad: true);
        optB.LoadStateJson(json);
        Assert.Equal(7, optB.StepCount);
        for (int t = 7; t < 20; t++)
        {
            g[t].CopyTo(a.Grad, 0); optA.Step();
            g[t].CopyTo(b.Grad, 0); optB.Step();
        }
        Assert.Equal(a.Value, b.Value); // bit-identical continuation
        var wrong = new Parameter<double>("w", [4]);
        Assert.Throws<FormatException>(() => Optimizers.Adam([wrong], 1e-2, amsgrad: true).LoadStateJson(json));
        Assert.Throws<FormatException>(() => Optimizers.Sgd([W()], 0.1, momentum: 0.9).LoadStateJson(json));
    }

    [Fact]
    public void SchedulesHaveTheirClosedForms()
    {
        var s = Schedule.Step(10, 0.5);
        Assert.Equal(1.0, s[9]); Assert.Equal(0.5, s[10]); Assert.Equal(0.25, s[25]);
        var c = Schedule.Cosine(100, 0.1);
        Assert.Equal(1.0, c[0], 15); Assert.Equal(0.55, c[50], 15); Assert.Equal(0.1, c[100], 15); Assert.Equal(0.1, c[500], 15);
        var w = Schedule.LinearWarmup(4, Schedule.Cosine(10));
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], w.Values(5));
        Assert.Equal(0.5, w[9], 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Step(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedule.Cosine(10, 1.5));
    }

    [Fact]
    public void ScheduledSgdUsesMultiplierPerStep()
    {
        var p = new Parameter<double>("w", [1], value: [0.0]);
        var opt = Optimizers.Sgd([p], 0.1, schedule: Schedule.Step(2, 0.5));
        double expect = 0;
        for (int t = 0; t < 6; t++)
        {
            p.Grad[0] = 1.0; opt.Step();
            expect -= 0.1 * Math.Pow(0.5, t / 2);
            Assert.Equal(expect, p.Value[0], 15);
        }
    }

    [Fact]
    public void AdamWDecayConventionsDifferOnlyInTheDecayFactor()
    {
        // With zero gradient Adam's direction is zero, so only the decay moves p: the factor per step is
        // (1 - lr s λ), (1 - s λ) or (1 - λ) for the three conventions.
        double lr = 0.1, lam = 0.01, s = 0.5;
        foreach (var (conv, factor) in new[] { (DecayConvention.TimesLearningRate, 1 - lr * s * lam), (DecayConvention.TimesSchedule, 1 - s * lam), (DecayConvention.Constant, 1 - lam) })
        {
            var p = new Parameter<double>("w", [2, 1], value: [2.0, -1.0]);
            var opt = Optimizers.AdamW([p], lr, weightDecay: lam, schedule: Schedule.Constant(s), convention: conv);
            for (int t = 0; t < 3; t++) opt.Step();
            Assert.Equal(2.0 * Math.Pow(factor, 3), p.Value[0], 14);
            Assert.Equal(-1.0 * Math.Pow(factor, 3), p.Value[1], 14);
        }
        Assert.Equal(0.05 * Math.Sqrt(64.0 / (1000 * 20)), Optimizers.NormalizedWeightDecay(0.05, 64, 1000, 20), 15);
    }

    [Fact]
    public void ProximalL1LandsOnZeroWhileSubgradientOscillates()
    {
        // f(w) = 0.5 (w - 0.05)^2 + 0.1 |w|: the minimizer is w* = 0 (|0.05| < 0.1).
        var prox = new Parameter<double>("w", [1], value: [1.0]);
        var sub = new Parameter<double>("w", [1], value: [1.0]);
        var op = Optimizers.Sgd([prox], 0.3, l1: 0.1, l1Mode: L1Mode.Proximal);
        var os = Optimizers.Sgd([sub], 0.3, l1: 0.1, l1Mode: L1Mode.Subgradient);
        var tail = new List<double>();
        for (int t = 0; t < 60; t++)
        {
            prox.Grad[0] = prox.Value[0] - 0.05; op.Step();
            sub.Grad[0] = sub.Value[0] - 0.05; os.Step();
            if (t >= 50) tail.Add(sub.Value[0]);
        }
        Assert.Equal(0.0, prox.Value[0]);
        Assert.Contains(tail, v => v > 0); Assert.Contains(tail, v => v < 0); // oscillates around 0, never lands
        Assert.DoesNotContain(tail, v => v == 0);
        // prox step closed form: soft(w - lr g, lr λ)
        var q = new Parameter<double>("w", [3], value: [0.5, -0.02, 0.2]);
        var oq = Optimizers.Sgd([q], 0.1, l1: 0.5);
        q.Grad[0] = 1; q.Grad[1] = 0; q.Grad[2] = -1; oq.Step();
        Assert.Equal([0.35, 0.0, 0.25], q.Value.Select(v => Math.Round(v, 14)).ToArray());
    }

    [Fact]
    public void DecayAuditShowsCoupledAndDecoupledAndExclusions()
    {
        var w = new Parameter<double>("fc1.weight", [3, 2]);
        var b = new Parameter<double>("fc1.bias", [3], ParameterRole.Bias);
        var adam = Optimizers.Adam([w, b], 1e-3, weightDecay: 1e-4, noDecay: NoDecay.BiasAndNorm);
        var rows = adam.DecayAudit();
        Assert.Equal("coupled L2", rows[0].Kind);
        Assert.Equal(1e-4, rows[0].Coefficient);
        Assert.Contains("lr", rows[0].Reason);
        Assert.False(rows[1].Decayed);
        Assert.Contains("role Bias", rows[1].Reason);
        var adamw = Optimizers.AdamW([w, b], 1e-3, weightDecay: 1e-2, noDecay: NoDecay.BiasAndNorm, convention: DecayConvention.TimesSchedule, schedule: Schedule.Cosine(10));
        var r = adamw.DecayAudit()[0];
        Assert.Equal("decoupled", r.Kind);
        Assert.Contains("multiplied by schedule", r.Reason);
        Assert.DoesNotContain("lr", r.Reason.Split("multiplied by")[1]);
        Assert.Contains("scale_by_adam", adamw.Describe());
        Assert.Contains("fc1.bias", adamw.DecayAuditText());
    }

    [Fact]
    public void StandaloneTransformationsAreOptaxStyle()
    {
        // init/update with explicit state, outside any optimizer: Adam's first step is sign(g) * lr (bias-corrected).
        var p = new Parameter<double>("w", [3], value: [1.0, 2.0, 3.0]);
        var chain = new Chain<double>(new ScaleByAdam<double>(), new ScaleByLearningRate<double>(0.01));
        var state = chain.Init(p);
        double[] u = [0.5, -2.0, 0.0];
        chain.Step(u, p.Value, state);
        Assert.Equal(0.01 * 0.5 / (0.5 + 1e-8), u[0], 15);
        Assert.Equal(-0.01 * 2.0 / (2.0 + 1e-8), u[1], 15);
        Assert.Equal(0.0, u[2]);
        Assert.Equal(1, state.Children[0]!.Count);
        Assert.Equal([0.05, -0.2, 0.0], state.Children[0]!.Buffers["exp_avg"].Select(v => Math.Round(v, 15)).ToArray());
    }

    [Fact]
    public void OptimizerNeverSeesThePruningMask()
    {
        // The mask is a reparametrization the model applies (Value ⊙ Mask forward, Grad ⊙ Mask backward): the optimizer steps a
        // pruned parameter exactly like an unpruned one with the same (masked) gradient, on both paths.
        foreach (bool fused in new[] { true, false })
        {
            var masked = new Parameter<float>("w", [4, 1], value: [1f, 0f, 3f, 0f]) { Mask = [1f, 0f, 1f, 0f] };
            var plain = new Parameter<float>("w", [4, 1], value: [1f, 0f, 3f, 0f]);
            var om = Optimizers.AdamW([masked], 0.1, weightDecay: 0.1);
            var op = Optimizers.AdamW([plain], 0.1, weightDecay: 0.1);
            om.UseFusedKernels = op.UseFusedKernels = fused;
            for (int t = 0; t < 5; t++)
            {
                Array.Fill(masked.Grad, 1f); masked.MaskGradient();   // what the model's backward pass leaves
                float[] g = [1f, 0f, 1f, 0f]; g.CopyTo(plain.Grad, 0);
                om.Step(); op.Step();
                Assert.Equal(plain.Value, masked.Value);
                Assert.Equal(op.StateBuffer(plain, "exp_avg"), om.StateBuffer(masked, "exp_avg"));
            }
            Assert.Equal(0f, om.State<AdamState<float>>(masked)!.ExpAvg[1]); // masked gradient never enters the moments
            Assert.Same(om.State<AdamState<float>>(masked)!.ExpAvgSq, om.StateBuffer(masked, "exp_avg_sq"));
            Assert.Null(om.StateBuffer(masked, "momentum_buffer"));
            Assert.NotEqual(1f, masked.Value[0]);
        }
        // the reparametrization itself
        var p = new Parameter<double>("w", [3], value: [2.0, -3.0, 4.0]) { Mask = [1.0, 0.0, 1.0] };
        Assert.Equal(1, p.CountZeros()); // counts zeros of Value ⊙ Mask
        p.ApplyMask();
        Assert.Equal([2.0, 0.0, 4.0], p.Value);
        Array.Fill(p.Grad, 5.0); p.MaskGradient();
        Assert.Equal([5.0, 0.0, 5.0], p.Grad);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(2051)]
    [InlineData(10000)]
    public void FusedKernelsMatchScalarReference(int n)
    {
        // float32 chain in blocks vs a scalar double reference of the same AdamW and SGD-momentum updates.
        var rng = new Random(n);
        float[] R() => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var p0 = R(); var g = R();
        var pw = new Parameter<float>("w", [n], value: (float[])p0.Clone());
        var ps = new Parameter<float>("s", [n], value: (float[])p0.Clone());
        var aw = Optimizers.AdamW([pw], 1e-2, weightDecay: 0.1);
        var sg = Optimizers.Sgd([ps], 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3);
        double[] rp = p0.Select(x => (double)x).ToArray(), m = new double[n], v = new double[n];
        double[] sp = (double[])rp.Clone(), buf = new double[n];
        for (int t = 1; t <= 3; t++)
        {
            g.CopyTo(pw.Grad, 0); aw.Step();
            g.CopyTo(ps.Grad, 0); sg.Step();
            for (int i = 0; i < n; i++)
            {
                rp[i] *= 1 - 1e-2 * 0.1;
                m[i] = 0.9 * m[i] + 0.1 * g[i]; v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                rp[i] -= 1e-2 / (1 - Math.Pow(0.9, t)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, t)) + 1e-8);
                double gg = g[i] + 1e-3 * sp[i];
                buf[i] = t == 1 ? gg : 0.9 * buf[i] + gg;
                sp[i] -= 0.05 * (gg + 0.9 * buf[i]);
            }
        }
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(rp[i] - pw.Value[i]) < 2e-6, $"AdamW [{i}]: {pw.Value[i]} vs scalar {rp[i]}");
            Assert.True(Math.Abs(sp[i] - ps.Value[i]) < 2e-6, $"SGD [{i}]: {ps.Value[i]} vs scalar {sp[i]}");
        }
        var x = R(); var y = (float[])x.Clone();
        ProxKernels.SoftThreshold<float>(y, 0.3f, y);
        for (int i = 0; i < n; i++) Assert.Equal(Math.Sign(x[i]) * Math.Max(Math.Abs(x[i]) - 0.3f, 0f), y[i], 6);
    }

    public static IEnumerable<object[]> FusedConfigs() =>
        new[] { "sgd", "sgd-momentum", "sgd-nesterov-dampening", "adam-l2", "adam-amsgrad", "adamw", "adamw-amsgrad", "adamw-cosine", "adamw-paper", "sgd-prox",
                "sgd-maximize", "adam-maximize", "sgd-groups", "adam-groups", "adamw-groups" }
            .Select(x => new object[] { x });

    [Theory]
    [MemberData(nameof(FusedConfigs))]
    public void FusedKernelsAreBitIdenticalToTheChain(string config)
    {
        Optimizer<float> Make(IReadOnlyList<Parameter<float>> ps) => config switch
        {
            "sgd" => Optimizers.Sgd(ps, 0.05, weightDecay: 1e-2, noDecay: NoDecay.BiasAndNorm),
            "sgd-momentum" => Optimizers.Sgd(ps, 0.05, momentum: 0.9, weightDecay: 1e-2),
            "sgd-nesterov-dampening" => Optimizers.Sgd(ps, 0.05, momentum: 0.8, nesterov: true),
            "adam-l2" => Optimizers.Adam(ps, 1e-2, weightDecay: 1e-2, noDecay: NoDecay.BiasAndNorm),
            "adam-amsgrad" => Optimizers.Adam(ps, 1e-2, weightDecay: 1e-2, amsgrad: true),
            "adamw" => Optimizers.AdamW(ps, 1e-2, weightDecay: 1e-1, noDecay: NoDecay.BiasAndNorm),
            "adamw-amsgrad" => Optimizers.AdamW(ps, 1e-2, weightDecay: 1e-1, amsgrad: true),
            "adamw-cosine" => Optimizers.AdamW(ps, 1e-2, weightDecay: 1e-1, schedule: Schedule.Cosine(4)),
            "adamw-paper" => Optimizers.AdamW(ps, 1e-2, weightDecay: 1e-1, convention: DecayConvention.TimesSchedule),
            "sgd-prox" => Optimizers.Sgd(ps, 0.05, momentum: 0.9, l1: 1e-2),
            "sgd-maximize" => Optimizers.Sgd(ps, 0.05, momentum: 0.9, weightDecay: 1e-2, maximize: true),
            "adam-maximize" => Optimizers.Adam(ps, 1e-2, weightDecay: 1e-2, amsgrad: true, maximize: true),
            "sgd-groups" => Optimizers.Sgd([new ParamGroup<float>("w", [ps[0]], Nesterov: true), new ParamGroup<float>("b", [ps[1]], LearningRate: 0.01, Momentum: 0.5, Dampening: 0.2, WeightDecay: 0)],
                0.05, momentum: 0.9, weightDecay: 1e-2),
            "adam-groups" => Optimizers.Adam([new ParamGroup<float>("w", [ps[0]], Betas: (0.8, 0.99), Eps: 1e-6), new ParamGroup<float>("b", [ps[1]], Amsgrad: true, Maximize: true, WeightDecay: 0)],
                1e-2, weightDecay: 1e-2),
            _ => Optimizers.AdamW([new ParamGroup<float>("w", [ps[0]], Amsgrad: true), new ParamGroup<float>("b", [ps[1]], LearningRate: 3e-3, Betas: (0.5, 0.9), WeightDecay: 0.3)], 1e-2, weightDecay: 1e-1),
        };
        Parameter<float>[] Ps()
        {
            var rng = new Random(5);
            var w = new Parameter<float>("w", [70, 77], value: Enumerable.Range(0, 70 * 77).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray());
            var b = new Parameter<float>("b", [70], ParameterRole.Bias, Enumerable.Range(0, 70).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray());
            w.Mask = Enumerable.Range(0, w.Length).Select(i => i % 3 == 0 ? 0f : 1f).ToArray(); // ignored by the optimizer
            return [w, b];
        }
        var a = Ps(); var c = Ps();
        var fa = Make(a); var fc = Make(c);
        fc.UseFusedKernels = false;
        if (config == "adamw-paper") Assert.All(fa.Groups, g => Assert.Null(g.Fused)); // the paper's convention has no fused kernel
        else
        {
            Assert.All(fa.Groups, g => Assert.NotNull(g.Fused)); // every named optimizer owns its fused step
            Assert.Contains("switched off", fc.Describe());
        }
        var rg = new Random(9);
        for (int t = 0; t < 6; t++)
        {
            for (int k = 0; k < 2; k++)
                for (int i = 0; i < a[k].Length; i++) a[k].Grad[i] = c[k].Grad[i] = (float)(rg.NextDouble() - 0.5);
            fa.Step(); fc.Step();
            for (int k = 0; k < 2; k++) Assert.Equal(c[k].Value, a[k].Value);
        }
    }
}
