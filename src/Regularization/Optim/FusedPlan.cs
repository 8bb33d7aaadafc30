using System.Numerics;

namespace Regularization.Optim;

/// <summary>
/// Recognizes the chains of the named optimizers (SGD, Adam+L2, AdamW with the default decay convention, optionally followed by
/// a schedule) so the optimizer can run them as one fused single-pass kernel; the arithmetic is the chain's, operation by
/// operation, so results are identical to the transformation-by-transformation path.
/// </summary>
internal sealed class FusedPlan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public enum Kinds { Sgd, Adam }

    public Kinds Kind { get; private init; }
    public int DecayIndex { get; private init; } = -1;   // child index of the decay stage (AddDecayedWeights or Masked of it)
    public double WeightDecay { get; private init; }
    public bool DecayCoupled { get; private init; }
    public int TraceIndex { get; private init; } = -1;
    public Trace<T>? Trace { get; private init; }
    public int AdamIndex { get; private init; } = -1;
    public ScaleByAdam<T>? Adam { get; private init; }
    public double LearningRate { get; private init; }
    public int ScheduleIndex { get; private init; } = -1;

    public static FusedPlan<T>? TryCreate(GradientTransformation<T> tf)
    {
        if (tf is not Chain<T> chain) return null;
        var ts = chain.Transforms;
        int i = 0, decay = -1, trace = -1, adam = -1, sched = -1;
        double wd = 0; bool coupled = false;
        bool IsDecay(GradientTransformation<T> t, out double w)
        {
            w = t switch { AddDecayedWeights<T> d => d.WeightDecay, Masked<T> { Inner: AddDecayedWeights<T> d } => d.WeightDecay, _ => -1 };
            return w >= 0;
        }
        if (i < ts.Count && IsDecay(ts[i], out var w0)) { decay = i; wd = w0; coupled = true; i++; }
        if (i < ts.Count && ts[i] is Trace<T>) trace = i++;
        else if (i < ts.Count && ts[i] is ScaleByAdam<T>)
        {
            adam = i++;
            if (decay < 0 && i < ts.Count && IsDecay(ts[i], out var w1)) { decay = i; wd = w1; coupled = false; i++; }
        }
        if (i >= ts.Count || ts[i] is not ScaleByLearningRate<T> lr) return null;
        i++;
        if (i < ts.Count && ts[i] is ScaleBySchedule<T>) sched = i++;
        if (i != ts.Count) return null;
        return new FusedPlan<T>
        {
            Kind = adam >= 0 ? Kinds.Adam : Kinds.Sgd,
            DecayIndex = decay, WeightDecay = wd, DecayCoupled = coupled,
            TraceIndex = trace, Trace = trace >= 0 ? (Trace<T>)ts[trace] : null,
            AdamIndex = adam, Adam = adam >= 0 ? (ScaleByAdam<T>)ts[adam] : null,
            LearningRate = lr.LearningRate, ScheduleIndex = sched,
        };
    }

    /// <summary>The decay that applies to a parameter whose chain state is <paramref name="st"/> (0 when a mask excludes it).</summary>
    public double DecayFor(TransformState<T> st) =>
        DecayIndex < 0 ? 0 : st.Children[DecayIndex] is { Transform: "masked" } m && m.Children[0] is null ? 0 : WeightDecay;
}
