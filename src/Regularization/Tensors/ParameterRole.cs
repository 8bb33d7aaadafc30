namespace Regularization.Tensors;

/// <summary>What a parameter tensor is, for no-decay rules and reports.</summary>
public enum ParameterRole
{
    /// <summary>A weight matrix or kernel (decayed by default).</summary>
    Weight,
    /// <summary>A bias vector (excluded from weight decay by the optimizers' no-decay rule <c>NoDecay.BiasAndNorm</c>).</summary>
    Bias,
    /// <summary>A normalization scale or shift (excluded from weight decay by the optimizers' no-decay rule <c>NoDecay.BiasAndNorm</c>).</summary>
    Norm,
    /// <summary>Anything else.</summary>
    Other,
}
