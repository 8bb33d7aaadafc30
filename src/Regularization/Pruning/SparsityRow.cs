namespace Regularization.Pruning;

/// <summary>Sparsity of one tensor.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Shape">Shape as text.</param>
/// <param name="Size">Number of entries.</param>
/// <param name="Pruned">Entries whose mask is 0 (0 when the tensor has no mask).</param>
/// <param name="Zeros">Entries exactly zero (pruned or not, e.g. after a baked mask or an L1 proximal step).</param>
public sealed record SparsityRow(string Name, string Shape, int Size, int Pruned, int Zeros)
{
    /// <summary>Pruned fraction.</summary>
    public double Sparsity => Size == 0 ? 0 : (double)Pruned / Size;

    /// <summary>Fraction of exact zeros.</summary>
    public double ZeroFraction => Size == 0 ? 0 : (double)Zeros / Size;
}
