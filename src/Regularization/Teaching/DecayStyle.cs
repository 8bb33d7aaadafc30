namespace Regularization.Teaching;

/// <summary>Where the weight decay stands in Adam's transformation chain (notebook 06).</summary>
public enum DecayStyle
{
    /// <summary>Coupled L2: <c>chain(add_decayed_weights(λ), scale_by_adam, scale_by_learning_rate(lr))</c>, torch.optim.Adam(weight_decay=λ).</summary>
    AdamL2,
    /// <summary>Decoupled: <c>chain(scale_by_adam, add_decayed_weights(λ), scale_by_learning_rate(lr))</c>, torch.optim.AdamW(weight_decay=λ).</summary>
    AdamW,
}
