namespace Regularization.Teaching;

/// <summary>How the model that is later pruned was regularized while training (notebook 07).</summary>
public enum PruningRegularizer
{
    /// <summary>Plain Adam.</summary>
    None,
    /// <summary>Adam with the L2 penalty <c>(λ/2)||W||²</c> on the weight matrices (coupled, torch.optim.Adam weight_decay).</summary>
    L2,
    /// <summary>Adam with the L1 penalty <c>λ||W||₁</c> on the weight matrices, as a proximal soft-threshold after each step.</summary>
    L1,
}
