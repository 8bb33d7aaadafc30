using System.Globalization;
using System.Numerics;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// The named optimizers, each a <see cref="Chain{T}"/> of transformations per parameter group, so that the code shows where
/// the decay stands, and, beside the chain, the <see cref="FusedStep{T}"/> that runs it in one pass:
/// <list type="bullet">
/// <item><c>Sgd</c>: <c>chain([negate], add_decayed_weights(λ), trace(μ), scale_by_learning_rate(lr))</c> — torch.optim.SGD.</item>
/// <item><c>Adam</c>: <c>chain([negate], add_decayed_weights(λ), scale_by_adam, scale_by_learning_rate(lr))</c> — coupled L2, torch.optim.Adam.</item>
/// <item><c>AdamW</c>: <c>chain([negate], scale_by_adam, add_decayed_weights(λ), scale_by_learning_rate(lr))</c> — decoupled, torch.optim.AdamW.</item>
/// </list>
/// The arguments follow torch's order: <c>(lr, momentum, dampening, weight_decay, nesterov, maximize)</c> for SGD and
/// <c>(lr, betas, eps, weight_decay, amsgrad, maximize)</c> for Adam and AdamW, with the betas as one pair, so a call written
/// from torch positionally either means the same or does not compile. A <see cref="ParamGroup{T}"/> overrides any of them for
/// its parameters; a no-decay predicate wraps the decay in <see cref="Masked{T}"/>; a schedule appends <see cref="ScaleBySchedule{T}"/>.
/// </summary>
public static class Optimizers
{
    /// <summary>torch's default betas of Adam and AdamW.</summary>
    public static readonly (double Beta1, double Beta2) DefaultBetas = (0.9, 0.999);

    /// <summary>One group named "all" holding <paramref name="parameters"/>.</summary>
    public static IReadOnlyList<ParamGroup<T>> OneGroup<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        [new ParamGroup<T>("all", Guard.NotNull(parameters, nameof(parameters)).ToArray())];

    /// <summary>Stochastic gradient descent as <c>torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov, maximize=…)</c>
    /// (coupled weight decay; with momentum 0 no momentum buffer is kept), plus an optional L1 penalty.</summary>
    public static Optimizer<T> Sgd<T>(IEnumerable<Parameter<T>> parameters, double learningRate, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false, bool maximize = false, Func<Parameter<T>, bool>? noDecay = null, Schedule? schedule = null,
        double l1 = 0, L1Mode l1Mode = L1Mode.Proximal) where T : unmanaged, IFloatingPointIeee754<T> =>
        Sgd(OneGroup(parameters), learningRate, momentum, dampening, weightDecay, nesterov, maximize, noDecay, schedule, l1, l1Mode);

    /// <summary>SGD over parameter groups (each group's overrides replace the defaults given here).</summary>
    public static Optimizer<T> Sgd<T>(IReadOnlyList<ParamGroup<T>> groups, double learningRate, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false, bool maximize = false, Func<Parameter<T>, bool>? noDecay = null, Schedule? schedule = null,
        double l1 = 0, L1Mode l1Mode = L1Mode.Proximal) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = new Hyper(learningRate, weightDecay, DefaultBetas.Beta1, DefaultBetas.Beta2, 1e-8, false, momentum, dampening, nesterov, maximize);
        CheckCommon(l1, l1Mode);
        Validate(d, k => k, Kind.Sgd);
        bool subgradient = l1 > 0 && l1Mode == L1Mode.Subgradient;
        return Build(groups, d, Kind.Sgd, l1, l1Mode, schedule, noDecay, h =>
        {
            var list = new List<GradientTransformation<T>>();
            if (h.Maximize) list.Add(new Negate<T>());
            int decay = AddDecay(list, h.WeightDecay, noDecay);
            if (subgradient) list.Add(Mask(new AddL1Subgradient<T>(l1), noDecay));
            int trace = -1;
            Trace<T>? tr = null;
            if (h.Momentum != 0) { trace = list.Count; list.Add(tr = new Trace<T>(h.Momentum, h.Dampening, h.Nesterov)); }
            list.Add(new ScaleByLearningRate<T>(h.LearningRate));
            int sched = AddSchedule(list, schedule);
            // the visible switch: SGD owns its fused kernel (none for the L1 subgradient, which it does not fuse)
            FusedStep<T>? fused = subgradient ? null : new SgdFusedStep<T>(h.Maximize, decay, h.WeightDecay, trace, tr, h.LearningRate, sched);
            return (new Chain<T>([.. list]), fused);
        });
    }

    /// <summary>Adam with coupled L2 as <c>torch.optim.Adam(params, lr, betas, eps, weight_decay, amsgrad, maximize=…)</c>: the decay is
    /// added to the gradient and goes through the moments. <paramref name="betas"/> null means torch's (0.9, 0.999).</summary>
    public static Optimizer<T> Adam<T>(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, (double Beta1, double Beta2)? betas = null,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false, Func<Parameter<T>, bool>? noDecay = null,
        Schedule? schedule = null, double l1 = 0, L1Mode l1Mode = L1Mode.Proximal) where T : unmanaged, IFloatingPointIeee754<T> =>
        Adam(OneGroup(parameters), learningRate, betas, eps, weightDecay, amsgrad, maximize, noDecay, schedule, l1, l1Mode);

    /// <summary>Adam with coupled L2 over parameter groups.</summary>
    public static Optimizer<T> Adam<T>(IReadOnlyList<ParamGroup<T>> groups, double learningRate = 1e-3, (double Beta1, double Beta2)? betas = null,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false, Func<Parameter<T>, bool>? noDecay = null,
        Schedule? schedule = null, double l1 = 0, L1Mode l1Mode = L1Mode.Proximal) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (b1, b2) = betas ?? DefaultBetas;
        var d = new Hyper(learningRate, weightDecay, b1, b2, eps, amsgrad, 0, 0, false, maximize);
        CheckCommon(l1, l1Mode);
        Validate(d, k => k, Kind.Adam);
        bool subgradient = l1 > 0 && l1Mode == L1Mode.Subgradient;
        return Build(groups, d, Kind.Adam, l1, l1Mode, schedule, noDecay, h =>
        {
            var list = new List<GradientTransformation<T>>();
            if (h.Maximize) list.Add(new Negate<T>());
            int decay = AddDecay(list, h.WeightDecay, noDecay);   // before the preconditioner: coupled L2
            if (subgradient) list.Add(Mask(new AddL1Subgradient<T>(l1), noDecay));
            int ai = list.Count;
            var adam = new ScaleByAdam<T>(h.Beta1, h.Beta2, h.Eps, h.Amsgrad);
            list.Add(adam);
            list.Add(new ScaleByLearningRate<T>(h.LearningRate));
            int sched = AddSchedule(list, schedule);
            FusedStep<T>? fused = subgradient ? null : new AdamFusedStep<T>(h.Maximize, decay, h.WeightDecay, true, ai, adam, h.LearningRate, sched);
            return (new Chain<T>([.. list]), fused);
        });
    }

    /// <summary>AdamW as <c>torch.optim.AdamW(params, lr, betas, eps, weight_decay, amsgrad, maximize=…)</c> (decoupled decay, times the
    /// learning rate by default; see <see cref="DecayConvention"/> for the paper's variants). <paramref name="betas"/> null means (0.9, 0.999).</summary>
    public static Optimizer<T> AdamW<T>(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, (double Beta1, double Beta2)? betas = null,
        double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false, Func<Parameter<T>, bool>? noDecay = null,
        Schedule? schedule = null, DecayConvention convention = DecayConvention.TimesLearningRate) where T : unmanaged, IFloatingPointIeee754<T> =>
        AdamW(OneGroup(parameters), learningRate, betas, eps, weightDecay, amsgrad, maximize, noDecay, schedule, convention);

    /// <summary>AdamW over parameter groups.</summary>
    public static Optimizer<T> AdamW<T>(IReadOnlyList<ParamGroup<T>> groups, double learningRate = 1e-3, (double Beta1, double Beta2)? betas = null,
        double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false, Func<Parameter<T>, bool>? noDecay = null,
        Schedule? schedule = null, DecayConvention convention = DecayConvention.TimesLearningRate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Enum.IsDefined(convention))
            throw new ArgumentOutOfRangeException(nameof(convention), convention, $"convention = {(int)convention} is not a DecayConvention: use TimesLearningRate, TimesSchedule or Constant.");
        var (b1, b2) = betas ?? DefaultBetas;
        var d = new Hyper(learningRate, weightDecay, b1, b2, eps, amsgrad, 0, 0, false, maximize);
        Validate(d, k => k, Kind.Adam);
        return Build(groups, d, Kind.Adam, 0, L1Mode.Proximal, schedule, noDecay, h =>
        {
            var list = new List<GradientTransformation<T>>();
            if (h.Maximize) list.Add(new Negate<T>());
            int ai = list.Count, decay = -1, sched;
            var adam = new ScaleByAdam<T>(h.Beta1, h.Beta2, h.Eps, h.Amsgrad);
            list.Add(adam);
            var lr = new ScaleByLearningRate<T>(h.LearningRate);
            switch (convention)
            {
                case DecayConvention.TimesLearningRate:   // after the preconditioner: decoupled
                    decay = AddDecay(list, h.WeightDecay, noDecay); list.Add(lr); sched = AddSchedule(list, schedule);
                    break;
                case DecayConvention.TimesSchedule:
                    list.Add(lr); AddDecay(list, h.WeightDecay, noDecay); sched = AddSchedule(list, schedule);
                    break;
                default: // DecayConvention.Constant
                    list.Add(lr); sched = AddSchedule(list, schedule); AddDecay(list, h.WeightDecay, noDecay);
                    break;
            }
            // the fused kernel multiplies the decoupled decay by lr: the paper's conventions run the chain unless there is no decay
            bool fusable = convention == DecayConvention.TimesLearningRate || h.WeightDecay == 0;
            FusedStep<T>? fused = fusable ? new AdamFusedStep<T>(h.Maximize, decay, h.WeightDecay, false, ai, adam, h.LearningRate, sched) : null;
            return (new Chain<T>([.. list]), fused);
        });
    }

    /// <summary>
    /// The normalized weight decay of Loshchilov and Hutter (2019): <c>λ = λ_norm · sqrt(b / (B T))</c> for batch size b,
    /// B training points and T epochs, so the best λ_norm transfers across training lengths.
    /// </summary>
    public static double NormalizedWeightDecay(double lambdaNorm, int batchSize, int trainingPoints, int epochs)
    {
        Guard.NonNegative(lambdaNorm, nameof(lambdaNorm));
        Guard.AtLeast(batchSize, 1, nameof(batchSize));
        Guard.AtLeast(trainingPoints, 1, nameof(trainingPoints));
        Guard.AtLeast(epochs, 1, nameof(epochs));
        return lambdaNorm * Math.Sqrt((double)batchSize / ((double)trainingPoints * epochs));
    }

    private enum Kind { Sgd, Adam }

    /// <summary>The hyperparameters of one group after its overrides.</summary>
    private sealed record Hyper(double LearningRate, double WeightDecay, double Beta1, double Beta2, double Eps, bool Amsgrad,
        double Momentum, double Dampening, bool Nesterov, bool Maximize);

    private static void CheckCommon(double l1, L1Mode l1Mode)
    {
        Guard.NonNegative(l1, nameof(l1));
        if (!Enum.IsDefined(l1Mode))
            throw new ArgumentOutOfRangeException(nameof(l1Mode), l1Mode, $"l1Mode = {(int)l1Mode} is not an L1Mode: use Proximal or Subgradient.");
    }

    private static void Validate(Hyper h, Func<string, string> name, Kind kind)
    {
        Guard.NonNegative(h.LearningRate, name("learningRate"));
        Guard.NonNegative(h.WeightDecay, name("weightDecay"));
        if (kind == Kind.Adam)
        {
            if (!(h.Beta1 >= 0 && h.Beta1 < 1 && h.Beta2 >= 0 && h.Beta2 < 1))
                throw new ArgumentOutOfRangeException(name("betas"), (h.Beta1, h.Beta2),
                    $"{name("betas")} = ({F(h.Beta1)}, {F(h.Beta2)}) is not allowed: both betas must lie in [0, 1).");
            Guard.Positive(h.Eps, name("eps"));
            return;
        }
        Guard.InClosedRange(h.Momentum, 0, 1, name("momentum"));
        Guard.InClosedRange(h.Dampening, 0, 1, name("dampening"));
        if (h.Nesterov && (h.Momentum <= 0 || h.Dampening != 0))
            throw new ArgumentException($"{name("nesterov")} = true requires momentum > 0 and dampening = 0 (as torch); got momentum = {F(h.Momentum)}, dampening = {F(h.Dampening)}.", name("nesterov"));
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The group's hyperparameters: its overrides over the defaults, validated under the names <c>groups[name].X</c>.</summary>
    private static Hyper Resolve<T>(ParamGroup<T> g, Hyper d, Kind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string N(string k) => $"groups[{g.Name}].{char.ToUpperInvariant(k[0])}{k[1..]}";
        void Unused(object? v, string k, string what)
        {
            if (v is not null)
                throw new ArgumentException($"{N(k)} = {v} is set but {(kind == Kind.Sgd ? "SGD" : "Adam/AdamW")} has no {what}: remove it from the group.", N(k));
        }
        if (kind == Kind.Sgd) { Unused(g.Betas, "betas", "betas"); Unused(g.Eps, "eps", "eps"); Unused(g.Amsgrad, "amsgrad", "AMSGrad"); }
        else { Unused(g.Momentum, "momentum", "momentum"); Unused(g.Dampening, "dampening", "dampening"); Unused(g.Nesterov, "nesterov", "Nesterov momentum"); }
        var h = new Hyper(g.LearningRate ?? d.LearningRate, g.WeightDecay ?? d.WeightDecay, g.Betas?.Beta1 ?? d.Beta1, g.Betas?.Beta2 ?? d.Beta2,
            g.Eps ?? d.Eps, g.Amsgrad ?? d.Amsgrad, g.Momentum ?? d.Momentum, g.Dampening ?? d.Dampening, g.Nesterov ?? d.Nesterov, g.Maximize ?? d.Maximize);
        Validate(h, N, kind);
        return h;
    }

    private static int AddDecay<T>(List<GradientTransformation<T>> list, double wd, Func<Parameter<T>, bool>? noDecay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (wd == 0) return -1;
        list.Add(Mask(new AddDecayedWeights<T>(wd), noDecay));
        return list.Count - 1;
    }

    private static int AddSchedule<T>(List<GradientTransformation<T>> list, Schedule? schedule) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (schedule is null) return -1;
        list.Add(new ScaleBySchedule<T>(schedule));
        return list.Count - 1;
    }

    private static GradientTransformation<T> Mask<T>(GradientTransformation<T> t, Func<Parameter<T>, bool>? noDecay)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        noDecay is null ? t : new Masked<T>(t, p => !noDecay(p), "no-decay rule");

    private static Optimizer<T> Build<T>(IReadOnlyList<ParamGroup<T>> groups, Hyper defaults, Kind kind, double l1, L1Mode l1Mode, Schedule? schedule,
        Func<Parameter<T>, bool>? noDecay, Func<Hyper, (GradientTransformation<T> Chain, FusedStep<T>? Fused)> make) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(groups, nameof(groups));
        return new Optimizer<T>(groups.Select((g, i) =>
        {
            if (g is null) throw new ArgumentNullException(nameof(groups), $"groups[{i}] is null.");
            var h = Resolve(g, defaults, kind);
            var (chain, fused) = make(h);
            var prox = l1 > 0 && l1Mode == L1Mode.Proximal ? new ProximalL1(l1, h.LearningRate, schedule) : null;
            return new GroupSpec<T>(g, chain, prox, noDecay is null ? null : p => !noDecay(p), fused);
        }).ToList());
    }
}
