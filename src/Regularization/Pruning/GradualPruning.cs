using System.Numerics;
using Regularization.Tensors;
using Regularization.Validation;

namespace Regularization.Pruning;

/// <summary>
/// The gradual pruning schedule of Zhu and Gupta (2017): from step <c>t0</c> every <c>Δt</c> steps, <c>n</c> times, the
/// target sparsity is <c>s_t = s_f + (s_i − s_f)(1 − (t − t0)/(n Δt))³</c>; pruning is by magnitude (global by default) up to
/// that sparsity, and masks keep pruned weights at zero in between.
/// </summary>
/// <param name="InitialSparsity">s_i.</param>
/// <param name="FinalSparsity">s_f.</param>
/// <param name="StartStep">t0 (1-based optimizer step of the first pruning).</param>
/// <param name="PruningSteps">n, the number of pruning events.</param>
/// <param name="Frequency">Δt, steps between pruning events.</param>
/// <param name="Global">Rank all tensors together (true) or each tensor separately.</param>
public sealed record GradualPruning(double InitialSparsity, double FinalSparsity, long StartStep, int PruningSteps, int Frequency, bool Global = true)
{
    /// <summary>s_i.</summary>
    public double InitialSparsity { get; } = Guard.InClosedRange(InitialSparsity, 0, 1, nameof(InitialSparsity));

    /// <summary>s_f.</summary>
    public double FinalSparsity { get; } = Guard.InClosedRange(FinalSparsity, 0, 1, nameof(FinalSparsity));

    /// <summary>n.</summary>
    public int PruningSteps { get; } = Guard.AtLeast(PruningSteps, 1, nameof(PruningSteps));

    /// <summary>Δt.</summary>
    public int Frequency { get; } = Guard.AtLeast(Frequency, 1, nameof(Frequency));

    /// <summary>Target sparsity at step <paramref name="step"/> (0 before t0, s_f after the last event).</summary>
    public double SparsityAt(long step)
    {
        if (step < StartStep) return 0;
        double frac = Math.Min(1.0, (double)(step - StartStep) / ((double)PruningSteps * Frequency));
        return FinalSparsity + (InitialSparsity - FinalSparsity) * Math.Pow(1 - frac, 3);
    }

    /// <summary>Whether <paramref name="step"/> is a pruning event: <c>t0, t0 + Δt, …, t0 + n Δt</c>.</summary>
    public bool IsPruningStep(long step) =>
        step >= StartStep && (step - StartStep) % Frequency == 0 && (step - StartStep) / Frequency <= PruningSteps;

    /// <summary>At a pruning event, prunes <paramref name="parameters"/> up to <see cref="SparsityAt"/>; returns whether it pruned.
    /// Pass it as <c>TrainOptions.OnStep</c>: <c>OnStep: s =&gt; gradual.Apply(model.Weights, s)</c>.</summary>
    public bool Apply<T>(IEnumerable<Parameter<T>> parameters, long step) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsPruningStep(step)) return false;
        MagnitudePruner.ToSparsity(parameters, SparsityAt(step), Global);
        return true;
    }
}
