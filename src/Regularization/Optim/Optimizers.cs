using System.Numerics;
using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// The named optimizers, each a <see cref="Chain{T}"/> of transformations, so that the code shows where the decay stands:
/// <list type="bullet">
/// <item><c>Sgd</c>: <c>chain(add_decayed_weights(λ), trace(μ), scale_by_learning_rate(lr))</c> — torch.optim.SGD.</item>
/// <item><c>Adam</c>: <c>chain(add_decayed_weights(λ), scale_by_adam, scale_by_learning_rate(lr))</c> — coupled L2, torch.optim.Adam.</item>
/// <item><c>AdamW</c>: <c>chain(scale_by_adam, add_decayed_weights(λ), scale_by_learning_rate(lr))</c> — decoupled, torch.optim.AdamW.</item>
/// </list>
/// Group learning rates and decays (<see cref="ParamGroup{T}"/>) override the defaults; a no-decay predicate wraps the decay in
/// <see cref="Masked{T}"/>; a schedule appends <see cref="ScaleBySchedule{T}"/>.
/// </summary>
public static class Optimizers
{
    /// <summary>One group named "all" holding <paramref name="parameters"/>.</summary>
    public static IReadOnlyList<ParamGroup<T>> OneGroup<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        [new ParamGroup<T>("all", Guard.NotNull(parameters, nameof(parameters)).ToArray())];

    /// <summary>Stochastic gradient descent as torch.optim.SGD (coupled weight decay, momentum, dampening, Nesterov), plus optional L1.</summary>
    public static Optimizer<T> Sgd<T>(IEnumerable<Parameter<T>> parameters, double learningRate, double momentum = 0, double dampening = 0,
        bool nesterov = false, double weightDecay = 0, Func<Parameter<T>, bool>? noDecay = null, Schedule? schedule = null,
        double l1 = 0, L1Mode l1Mode = L1Mode.Proximal) where T : unmanaged, IFloatingPointIeee754<T> =>
        Sgd(OneGroup(parameters), learningRate, momentum, dampening, nesterov, weightDecay, noDecay, schedule, l1, l1Mode);

    /// <summary>SGD over parameter groups (each group's learning rate and decay override the defaults).</summary>
    public static Optimizer<T> Sgd<T>(IReadOnlyList<ParamGroup<T>> groups, double learningRate, double momentum = 0, double dampening = 0,
        bool nesterov = false, double weightDecay = 0, Func<Parameter<T>, bool>? noDecay = null, Schedule? schedule = null,
        double l1 = 0, L1Mode l1Mode = L1Mode.Proximal) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(learningRate, weightDecay, l1);
        return Build(groups, learningRate, weightDecay, schedule, l1, l1Mode, noDecay, (lr, wd) =>
        {
            var list = new List<GradientTransformation<T>>();
            AddDecay(list, wd, noDecay);
            if (l1 > 0 && l1Mode == L1Mode.Subgradient) list.Add(Mask(new AddL1Subgradient<T>(l1), noDecay));
            if (momentum != 0 || dampening != 0 || nesterov) list.Add(new Trace<T>(momentum, dampening, nesterov));
            list.Add(new ScaleByLearningRate<T>(lr));
            if (schedule is not null) list.Add(new ScaleBySchedule<T>(schedule));
            return new Chain<T>([.. list]);
        });
    }

    /// <summary>Adam with coupled L2 (torch.optim.Adam: the decay is added to the gradient and goes through the moments).</summary>
    public static Optimizer<T> Adam<T>(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, Func<Parameter<T>, bool>? noDecay = null, Schedule? schedule = null,
        double l1 = 0, L1Mode l1Mode = L1Mode.Proximal) where T : unmanaged, IFloatingPointIeee754<T> =>
        Adam(OneGroup(parameters), learningRate, beta1, beta2, eps, weightDecay, amsgrad, noDecay, schedule, l1, l1Mode);

    /// <summary>Adam with coupled L2 over parameter groups.</summary>
    public static Optimizer<T> Adam<T>(IReadOnlyList<ParamGroup<T>> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, Func<Parameter<T>, bool>? noDecay = null, Schedule? schedule = null,
        double l1 = 0, L1Mode l1Mode = L1Mode.Proximal) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(learningRate, weightDecay, l1);
        var adam = new ScaleByAdam<T>(beta1, beta2, eps, amsgrad);
        return Build(groups, learningRate, weightDecay, schedule, l1, l1Mode, noDecay, (lr, wd) =>
        {
            var list = new List<GradientTransformation<T>>();
            AddDecay(list, wd, noDecay);
            if (l1 > 0 && l1Mode == L1Mode.Subgradient) list.Add(Mask(new AddL1Subgradient<T>(l1), noDecay));
            list.Add(adam);
            list.Add(new ScaleByLearningRate<T>(lr));
            if (schedule is not null) list.Add(new ScaleBySchedule<T>(schedule));
            return new Chain<T>([.. list]);
        });
    }

    /// <summary>AdamW (decoupled decay, torch.optim.AdamW by default; see <see cref="DecayConvention"/> for the paper's variants).</summary>
    public static Optimizer<T> AdamW<T>(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double weightDecay = 1e-2,
        double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool amsgrad = false, Func<Parameter<T>, bool>? noDecay = null,
        Schedule? schedule = null, DecayConvention convention = DecayConvention.TimesLearningRate) where T : unmanaged, IFloatingPointIeee754<T> =>
        AdamW(OneGroup(parameters), learningRate, weightDecay, beta1, beta2, eps, amsgrad, noDecay, schedule, convention);

    /// <summary>AdamW over parameter groups.</summary>
    public static Optimizer<T> AdamW<T>(IReadOnlyList<ParamGroup<T>> groups, double learningRate = 1e-3, double weightDecay = 1e-2,
        double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool amsgrad = false, Func<Parameter<T>, bool>? noDecay = null,
        Schedule? schedule = null, DecayConvention convention = DecayConvention.TimesLearningRate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(learningRate, weightDecay, 0);
        var adam = new ScaleByAdam<T>(beta1, beta2, eps, amsgrad);
        return Build(groups, learningRate, weightDecay, schedule, 0, L1Mode.Proximal, noDecay, (lr, wd) =>
        {
            var list = new List<GradientTransformation<T>> { adam };
            var sched = schedule is null ? null : new ScaleBySchedule<T>(schedule);
            switch (convention)
            {
                case DecayConvention.TimesLearningRate:
                    AddDecay(list, wd, noDecay); list.Add(new ScaleByLearningRate<T>(lr)); if (sched is not null) list.Add(sched);
                    break;
                case DecayConvention.TimesSchedule:
                    list.Add(new ScaleByLearningRate<T>(lr)); AddDecay(list, wd, noDecay); if (sched is not null) list.Add(sched);
                    break;
                case DecayConvention.Constant:
                    list.Add(new ScaleByLearningRate<T>(lr)); if (sched is not null) list.Add(sched); AddDecay(list, wd, noDecay);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(convention), convention, $"convention = {convention} is not a DecayConvention.");
            }
            return new Chain<T>([.. list]);
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

    private static void Check(double learningRate, double weightDecay, double l1)
    {
        Guard.NonNegative(learningRate, nameof(learningRate));
        Guard.NonNegative(weightDecay, nameof(weightDecay));
        Guard.NonNegative(l1, nameof(l1));
    }

    private static void AddDecay<T>(List<GradientTransformation<T>> list, double wd, Func<Parameter<T>, bool>? noDecay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (wd == 0) return;
        list.Add(Mask(new AddDecayedWeights<T>(wd), noDecay));
    }

    private static GradientTransformation<T> Mask<T>(GradientTransformation<T> t, Func<Parameter<T>, bool>? noDecay)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        noDecay is null ? t : new Masked<T>(t, p => !noDecay(p), "no-decay rule");

    private static Optimizer<T> Build<T>(IReadOnlyList<ParamGroup<T>> groups, double lr, double wd, Schedule? schedule, double l1, L1Mode l1Mode,
        Func<Parameter<T>, bool>? noDecay, Func<double, double, GradientTransformation<T>> chain) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(groups, nameof(groups));
        return new Optimizer<T>(groups.Select(g =>
        {
            double glr = g.LearningRate ?? lr, gwd = g.WeightDecay ?? wd;
            Guard.NonNegative(glr, $"groups[{g.Name}].LearningRate");
            Guard.NonNegative(gwd, $"groups[{g.Name}].WeightDecay");
            var prox = l1 > 0 && l1Mode == L1Mode.Proximal ? new ProximalL1(l1, glr, schedule) : null;
            return new GroupSpec<T>(g, chain(glr, gwd), prox, noDecay is null ? null : p => !noDecay(p));
        }).ToList());
    }
}
