namespace Regularization.Optim;

/// <summary>What a parameter tensor is, for no-decay rules and reports.</summary>
public enum ParameterRole
{
    /// <summary>A weight matrix or kernel (decayed by default).</summary>
    Weight,
    /// <summary>A bias vector (excluded from decay by <see cref="NoDecay.BiasAndNorm"/>).</summary>
    Bias,
    /// <summary>A normalization scale or shift (excluded from decay by <see cref="NoDecay.BiasAndNorm"/>).</summary>
    Norm,
    /// <summary>Anything else.</summary>
    Other,
}
