using System.Globalization;
using System.Numerics;
using System.Text;
using Regularization.Tensors;

namespace Regularization.Pruning;

/// <summary>Per-layer and total sparsity.</summary>
/// <param name="Layers">One row per tensor.</param>
public sealed record SparsityReport(IReadOnlyList<SparsityRow> Layers)
{
    /// <summary>Total entries.</summary>
    public long Size => Layers.Sum(l => (long)l.Size);

    /// <summary>Total pruned entries.</summary>
    public long Pruned => Layers.Sum(l => (long)l.Pruned);

    /// <summary>Overall pruned fraction.</summary>
    public double Sparsity => Size == 0 ? 0 : (double)Pruned / Size;

    /// <summary>The report of the given parameters.</summary>
    public static SparsityReport Of<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(parameters.Select(p => new SparsityRow(p.Name, p.ShapeText, p.Length,
            p.Mask is { } m ? (int)Kernels.OptimKernels.CountZeros<T>(m) : 0, p.CountZeros())).ToList());

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{"tensor",-14} {"shape",-11} {"size",9} {"pruned",9} {"sparsity",9}");
        foreach (var l in Layers)
            sb.AppendLine($"{l.Name,-14} {l.Shape,-11} {l.Size,9} {l.Pruned,9} {l.Sparsity.ToString("P2", CultureInfo.InvariantCulture),9}");
        sb.AppendLine($"{"total",-14} {"",-11} {Size,9} {Pruned,9} {Sparsity.ToString("P2", CultureInfo.InvariantCulture),9}");
        return sb.ToString();
    }
}
