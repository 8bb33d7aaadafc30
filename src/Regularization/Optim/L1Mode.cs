namespace Regularization.Optim;

/// <summary>How an L1 penalty <c>l1 ||w||₁</c> enters the optimizer.</summary>
public enum L1Mode
{
    /// <summary>Soft-threshold the weights by <c>l1 · lr · schedule</c> after each update (lands exactly on zero).</summary>
    Proximal,
    /// <summary>Add <c>l1 · sign(w)</c> to the gradient (oscillates around zero).</summary>
    Subgradient,
}
