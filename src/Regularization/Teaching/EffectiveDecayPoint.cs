namespace Regularization.Teaching;

/// <summary>The decay a group of weights actually received, measured at one gradient-noise scale.</summary>
/// <param name="GradientScale">Standard deviation σ of the (pure-noise) gradient of these weights.</param>
/// <param name="DecayPerStep">Measured decay rate per step, <c>−ln(mean w_T / w_0) / T</c>.</param>
/// <param name="NominalDecayPerStep">What plain weight decay would give per step, <c>lr · λ</c>.</param>
public sealed record EffectiveDecayPoint(double GradientScale, double DecayPerStep, double NominalDecayPerStep)
{
    /// <summary>Measured over nominal decay: 1 means the weights shrink exactly as <c>(1 − lr·λ)^T</c>.</summary>
    public double Ratio => DecayPerStep / NominalDecayPerStep;
}
