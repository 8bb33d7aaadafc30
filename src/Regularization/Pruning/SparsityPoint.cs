namespace Regularization.Pruning;

/// <summary>One point of an accuracy-versus-sparsity curve.</summary>
/// <param name="Sparsity">Fraction of the pruned tensors' entries that are pruned.</param>
/// <param name="Accuracy">Accuracy on the evaluation data.</param>
/// <param name="Loss">Mean cross-entropy on the evaluation data.</param>
public sealed record SparsityPoint(double Sparsity, double Accuracy, double Loss);
