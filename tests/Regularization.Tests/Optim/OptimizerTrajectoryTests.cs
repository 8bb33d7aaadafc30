using System.Text.Json;
using Regularization.Optim;

namespace Regularization.Tests.Optim;

/// <summary>Reproduces PyTorch's float64 trajectories (reference case 06) step by step to 1e-12.</summary>
public class OptimizerTrajectoryTests
{
    private const double Tol = 1e-12;

    public static IEnumerable<object[]> Single => Reference06.Names("single_group");
    public static IEnumerable<object[]> Two => Reference06.Names("two_groups");

    private static Optimizer<double> Make(string name, JsonElement hp, IReadOnlyList<ParamGroup<double>> groups)
    {
        double Get(string k, double d) => hp.TryGetProperty(k, out var v) ? v.GetDouble() : d;
        bool Flag(string k) => hp.TryGetProperty(k, out var v) && v.GetBoolean();
        double lr = Get("lr", 1e-3);
        if (name.StartsWith("sgd"))
            return Optimizers.Sgd(groups, lr, momentum: Get("momentum", 0), dampening: Get("dampening", 0), nesterov: Flag("nesterov"), weightDecay: Get("weight_decay", 0));
        if (name.StartsWith("adamw"))
            return Optimizers.AdamW(groups, lr, weightDecay: Get("weight_decay", 0.01), amsgrad: Flag("amsgrad"));
        return Optimizers.Adam(groups, lr, weightDecay: Get("weight_decay", 0), amsgrad: Flag("amsgrad"));
    }

    private static double Check(JsonElement c, string key, Parameter<double> p, Optimizer<double> opt, int t)
    {
        double worst = 0;
        var want = Reference06.Vec(c.GetProperty($"{key}_after_step")[t]);
        for (int i = 0; i < want.Length; i++)
        {
            double d = Math.Abs(p.Value[i] - want[i]);
            Assert.True(d <= Tol, $"{key}[{i}] after step {t + 1}: got {p.Value[i]:R}, torch {want[i]:R}, |diff| = {d:E2}");
            worst = Math.Max(worst, d);
        }
        var st = c.GetProperty($"{key}_state_after_step");
        foreach (var buf in st.EnumerateObject())
        {
            if (buf.Value[t].ValueKind == JsonValueKind.Null) continue;
            var exp = Reference06.Vec(buf.Value[t]);
            var got = Find(opt.State(p)!, buf.Name) ?? throw new Xunit.Sdk.XunitException($"no state buffer {buf.Name}");
            for (int i = 0; i < exp.Length; i++)
                Assert.True(Math.Abs(got[i] - exp[i]) <= Tol, $"{key} state {buf.Name}[{i}] after step {t + 1}: got {got[i]:R}, torch {exp[i]:R}");
        }
        return worst;
    }

    internal static double[]? Find(TransformState<double> s, string name)
    {
        if (s.Buffers.TryGetValue(name, out var b)) return b;
        foreach (var c in s.Children)
            if (c is not null && Find(c, name) is { } r) return r;
        return null;
    }

    [Theory]
    [MemberData(nameof(Single))]
    public void SingleGroupMatchesTorch(string name) => RunSingle(name, fused: true);

    [Theory]
    [MemberData(nameof(Single))]
    public void SingleGroupMatchesTorchTransformByTransform(string name) => RunSingle(name, fused: false);

    private static void RunSingle(string name, bool fused)
    {
        var c = Reference06.Case("single_group", name);
        var w = new Parameter<double>("w", [10], value: Reference06.W0);
        var opt = Make(name, c.GetProperty("hyperparameters"), Optimizers.OneGroup([w]));
        opt.UseFusedKernels = fused;
        var grads = Reference06.GradsW;
        for (int t = 0; t < grads.Length; t++)
        {
            grads[t].CopyTo(w.Grad, 0);
            opt.Step();
            Check(c, "w", w, opt, t);
        }
        Assert.Equal(20, opt.StepCount);
    }

    [Theory]
    [MemberData(nameof(Two))]
    public void TwoGroupsMatchTorch(string name)
    {
        var c = Reference06.Case("two_groups", name);
        var w = new Parameter<double>("w", [10], value: Reference06.W0);
        var b = new Parameter<double>("b", [3], ParameterRole.Bias, Reference06.B0);
        var groups = new[] { new ParamGroup<double>("weights", [w]), new ParamGroup<double>("biases", [b], WeightDecay: 0.0) };
        var opt = Make(name, c.GetProperty("hyperparameters"), groups);
        ReplayTwoGroups(c, w, b, opt);
    }

    // feeds case 06's gradients step by step and checks w and b against torch after every step
    private static void ReplayTwoGroups(System.Text.Json.JsonElement c, Parameter<double> w, Parameter<double> b, Optimizer<double> opt)
    {
        var gw = Reference06.GradsW; var gb = Reference06.GradsB;
        for (int t = 0; t < gw.Length; t++)
        {
            gw[t].CopyTo(w.Grad, 0); gb[t].CopyTo(b.Grad, 0);
            opt.Step();
            Check(c, "w", w, opt, t);
            Check(c, "b", b, opt, t);
        }
    }

    [Fact]
    public void NoDecayMaskEqualsZeroDecayGroup()
    {
        // The no-decay rule (Masked) on one group must equal torch's two-group setup with weight_decay=0 for b.
        var c = Reference06.Case("two_groups", "adamw");
        var w = new Parameter<double>("w", [2, 5], value: Reference06.W0); // 2-d: a weight matrix
        var b = new Parameter<double>("b", [3], ParameterRole.Bias, Reference06.B0);
        var opt = Optimizers.AdamW([w, b], 1e-2, weightDecay: 0.1, noDecay: NoDecay.BiasAndNorm);
        ReplayTwoGroups(c, w, b, opt);
        var audit = opt.DecayAudit();
        Assert.True(audit.Single(r => r.Parameter == "w").Decayed);
        Assert.Equal("decoupled", audit.Single(r => r.Parameter == "w").Kind);
        var rb = audit.Single(r => r.Parameter == "b");
        Assert.False(rb.Decayed);
        Assert.Contains("no-decay rule", rb.Reason);
    }
}
