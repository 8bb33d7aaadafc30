using Regularization.Validation;

namespace Regularization.Optim;

/// <summary>
/// A learning-rate schedule: a multiplier of the base learning rate as a function of the update count
/// <c>t = 0, 1, 2, …</c> (the number of updates done before this one, as in optax).
/// </summary>
public sealed class Schedule
{
    private readonly Func<long, double> _f;

    /// <summary>Creates a schedule from a function of the count (values must be finite and &gt;= 0).</summary>
    public Schedule(string name, Func<long, double> multiplier)
    {
        Name = Guard.NotNull(name, nameof(name));
        _f = Guard.NotNull(multiplier, nameof(multiplier));
    }

    /// <summary>Description, e.g. <c>cosine(T=1000, min=0)</c>.</summary>
    public string Name { get; }

    /// <summary>The multiplier at update count <paramref name="t"/>.</summary>
    public double this[long t]
    {
        get
        {
            double v = _f(t);
            if (!double.IsFinite(v) || v < 0)
                throw new InvalidOperationException($"schedule {Name} returned {v} at t = {t}: a multiplier must be finite and >= 0.");
            return v;
        }
    }

    /// <summary>The multipliers at <c>t = 0 … count-1</c> (for plotting).</summary>
    public double[] Values(int count) => Enumerable.Range(0, Guard.AtLeast(count, 0, nameof(count))).Select(t => this[t]).ToArray();

    /// <summary>Constant multiplier (1 by default).</summary>
    public static Schedule Constant(double value = 1.0) =>
        new($"constant({value})", _ => Guard.NonNegative(value, nameof(value)));

    /// <summary>Step decay: <c>gamma^floor(t / stepSize)</c> (PyTorch's StepLR counted in updates).</summary>
    public static Schedule Step(int stepSize, double gamma)
    {
        Guard.AtLeast(stepSize, 1, nameof(stepSize));
        Guard.InClosedRange(gamma, 0, 1, nameof(gamma));
        return new($"step(size={stepSize}, gamma={gamma})", t => Math.Pow(gamma, t / stepSize));
    }

    /// <summary>Cosine decay from 1 to <paramref name="minFactor"/> over <paramref name="totalSteps"/>, then constant:
    /// <c>min + (1 - min)(1 + cos(pi min(t, T)/T))/2</c>.</summary>
    public static Schedule Cosine(int totalSteps, double minFactor = 0.0)
    {
        Guard.AtLeast(totalSteps, 1, nameof(totalSteps));
        Guard.InClosedRange(minFactor, 0, 1, nameof(minFactor));
        return new($"cosine(T={totalSteps}, min={minFactor})",
            t => minFactor + (1 - minFactor) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(t, totalSteps) / totalSteps)));
    }

    /// <summary>Linear warmup from <paramref name="startFactor"/> to 1 over <paramref name="warmupSteps"/> updates
    /// (<c>start + (1 - start) t / W</c>), then <paramref name="after"/> evaluated at <c>t - W</c> (constant 1 if null).</summary>
    public static Schedule LinearWarmup(int warmupSteps, Schedule? after = null, double startFactor = 0.0)
    {
        Guard.AtLeast(warmupSteps, 1, nameof(warmupSteps));
        Guard.InClosedRange(startFactor, 0, 1, nameof(startFactor));
        return new($"linear_warmup(W={warmupSteps}, start={startFactor}) then {after?.Name ?? "constant(1)"}",
            t => t < warmupSteps ? startFactor + (1 - startFactor) * t / warmupSteps : after is null ? 1.0 : after[t - warmupSteps]);
    }
}
