namespace Regularization.Teaching;

/// <summary>How a trained model is brought to a target sparsity (notebook 07).</summary>
public enum PruningMethod
{
    /// <summary>Prune by magnitude once, no retraining.</summary>
    OneShot,
    /// <summary>Prune to increasing sparsities, retraining a few epochs after each (Han et al. 2015).</summary>
    PruneAndRetrain,
    /// <summary>Prune along the cubic schedule of Zhu and Gupta (2017) while fine-tuning.</summary>
    Gradual,
}
