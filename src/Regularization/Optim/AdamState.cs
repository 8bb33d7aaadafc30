using System.Numerics;

namespace Regularization.Optim;

/// <summary>
/// The state of <see cref="ScaleByAdam{T}"/> for one parameter (optax <c>ScaleByAdamState</c>, torch's
/// <c>optimizer.state[p]</c>): the moments and, per step, the two bias corrections computed by
/// <see cref="GradientTransformation{T}.BeginStep"/>.
/// </summary>
public sealed class AdamState<T> : TransformState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates zero moments for <paramref name="length"/> entries (with the AMSGrad maximum when <paramref name="amsgrad"/>).</summary>
    public AdamState(int length, bool amsgrad) : base("scale_by_adam")
    {
        ExpAvg = new T[length];
        ExpAvgSq = new T[length];
        MaxExpAvgSq = amsgrad ? new T[length] : null;
    }

    /// <summary>First moment m (torch <c>exp_avg</c>).</summary>
    public T[] ExpAvg { get; }

    /// <summary>Second moment v (torch <c>exp_avg_sq</c>).</summary>
    public T[] ExpAvgSq { get; }

    /// <summary>Running maximum of v (torch <c>max_exp_avg_sq</c>), or null without AMSGrad.</summary>
    public T[]? MaxExpAvgSq { get; }

    /// <summary><c>1 − β1ᵗ</c> of the current step.</summary>
    public double BiasCorrection1 { get; internal set; } = 1;

    /// <summary><c>sqrt(1 − β2ᵗ)</c> of the current step.</summary>
    public double SqrtBiasCorrection2 { get; internal set; } = 1;

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<string, T[]>> NamedBuffers()
    {
        yield return new("exp_avg", ExpAvg);
        yield return new("exp_avg_sq", ExpAvgSq);
        if (MaxExpAvgSq is not null) yield return new("max_exp_avg_sq", MaxExpAvgSq);
    }
}
