using System.Text.Json;
using Regularization.Data;
using Regularization.Optim;

namespace Regularization.Tests.Optim;

/// <summary>
/// Reproduces torch's three-group runs (tests/reference/06_optimizer_param_groups.json): every group overrides other
/// hyperparameters (lr, momentum, dampening, weight_decay, nesterov, maximize; lr, betas, eps, weight_decay, amsgrad, maximize),
/// float64, 20 steps, to the reference's 1e-12 on both the fused and the transformation-by-transformation path.
/// </summary>
public class OptimizerParamGroupTests
{
    private const double Tol = 1e-12;
    private static readonly JsonElement Root =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.ReferenceFile("06_optimizer_param_groups.json"))).RootElement;
    private static readonly string[] Labels = ["w", "b", "c"];

    public static IEnumerable<object[]> Runs() =>
        Root.GetProperty("outputs").GetProperty("runs").EnumerateArray().SelectMany(r => new[] { true, false }.Select(f => new object[] { r.GetProperty("name").GetString()!, f }));

    private static ParamGroup<double> Group(string name, Parameter<double> p, JsonElement o)
    {
        double? D(string k) => o.TryGetProperty(k, out var v) ? v.GetDouble() : null;
        bool? B(string k) => o.TryGetProperty(k, out var v) ? v.GetBoolean() : null;
        (double, double)? betas = o.TryGetProperty("betas", out var bt) ? (bt[0].GetDouble(), bt[1].GetDouble()) : null;
        return new ParamGroup<double>(name, [p], LearningRate: D("lr"), WeightDecay: D("weight_decay"), Betas: betas, Eps: D("eps"),
            Amsgrad: B("amsgrad"), Momentum: D("momentum"), Dampening: D("dampening"), Nesterov: B("nesterov"), Maximize: B("maximize"));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ThreeGroupsMatchTorch(string name, bool fused)
    {
        var run = Root.GetProperty("outputs").GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
        var inputs = Root.GetProperty("inputs");
        var ps = Labels.Select(l => new Parameter<double>(l, [inputs.GetProperty(l + "0").GetArrayLength()], value: Reference06.Vec(inputs.GetProperty(l + "0")))).ToArray();
        var over = run.GetProperty("group_overrides");
        var groups = ps.Select((p, k) => Group("g" + k, p, over[k])).ToArray();
        var hp = run.GetProperty("hyperparameters");
        double lr = hp.GetProperty("lr").GetDouble(), wd = hp.GetProperty("weight_decay").GetDouble();
        var opt = name switch
        {
            "sgd" => Optimizers.Sgd(groups, lr, momentum: hp.GetProperty("momentum").GetDouble(), weightDecay: wd),
            "adam" => Optimizers.Adam(groups, lr, weightDecay: wd),
            _ => Optimizers.AdamW(groups, lr, weightDecay: wd),
        };
        opt.UseFusedKernels = fused;
        var grads = Labels.Select(l => Reference06.Mat(inputs.GetProperty("grads_" + l))).ToArray();
        double worst = 0;
        for (int t = 0; t < 20; t++)
        {
            for (int k = 0; k < 3; k++) grads[k][t].CopyTo(ps[k].Grad, 0);
            opt.Step();
            for (int k = 0; k < 3; k++)
            {
                var want = Reference06.Vec(run.GetProperty(Labels[k] + "_after_step")[t]);
                for (int i = 0; i < want.Length; i++)
                {
                    double d = Math.Abs(ps[k].Value[i] - want[i]);
                    Assert.True(d <= Tol, $"{name} {Labels[k]}[{i}] after step {t + 1}: got {ps[k].Value[i]:R}, torch {want[i]:R}");
                    worst = Math.Max(worst, d);
                }
                foreach (var buf in run.GetProperty(Labels[k] + "_state_after_step").EnumerateObject())
                {
                    var got = opt.StateBuffer(ps[k], buf.Name);
                    if (buf.Value[t].ValueKind == JsonValueKind.Null)
                    {
                        Assert.Null(got); // torch keeps no momentum buffer at momentum 0: neither do we
                        continue;
                    }
                    var exp = Reference06.Vec(buf.Value[t]);
                    Assert.NotNull(got);
                    for (int i = 0; i < exp.Length; i++)
                        Assert.True(Math.Abs(got[i] - exp[i]) <= Tol, $"{name} {Labels[k]} {buf.Name}[{i}] after step {t + 1}: got {got[i]:R}, torch {exp[i]:R}");
                }
            }
        }
        Assert.True(worst <= Tol);
    }

    [Fact]
    public void MomentumZeroWithDampeningKeepsNoBuffer()
    {
        // torch.optim.SGD(momentum=0, dampening=0.1) has no momentum buffer and is plain SGD; so is ours.
        var a = new Parameter<double>("a", [3], value: [1.0, -2.0, 0.5]);
        var b = new Parameter<double>("b", [3], value: [1.0, -2.0, 0.5]);
        var damp = Optimizers.Sgd([a], 0.1, momentum: 0, dampening: 0.1);
        var plain = Optimizers.Sgd([b], 0.1);
        for (int t = 0; t < 3; t++)
        {
            double[] g = [0.3 * t, -1, 2];
            g.CopyTo(a.Grad, 0); g.CopyTo(b.Grad, 0);
            damp.Step(); plain.Step();
        }
        Assert.Equal(b.Value, a.Value);
        Assert.Null(damp.StateBuffer(a, "momentum_buffer"));
        Assert.Null(damp.State<TraceState<double>>(a));
        Assert.DoesNotContain("trace", damp.Describe());
    }

    [Fact]
    public void GroupOverrideTheOptimizerDoesNotUseThrows()
    {
        var w = new Parameter<double>("w", [3]);
        var ex = Assert.Throws<ArgumentException>(() => Optimizers.Adam([new ParamGroup<double>("g", [w], Momentum: 0.9)]));
        Assert.Equal("groups[g].Momentum", ex.ParamName);
        Assert.Contains("Adam/AdamW has no momentum", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Optimizers.Sgd([new ParamGroup<double>("g", [w], Betas: (0.9, 0.99))], 0.1));
        Assert.Equal("groups[g].Betas", ex.ParamName);
        var oor = Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.AdamW([new ParamGroup<double>("g", [w], Betas: (0.9, 1.0))]));
        Assert.Contains("groups[g].Betas = (0.9, 1) is not allowed", oor.Message);
        var nes = Assert.Throws<ArgumentException>(() => Optimizers.Sgd([new ParamGroup<double>("g", [w], Nesterov: true)], 0.1));
        Assert.Equal("groups[g].Nesterov", nes.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimizers.Sgd([new ParamGroup<double>("g", [w], Dampening: 1.5)], 0.1, momentum: 0.9));
    }
}
