using Regularization.Kernels;
using Regularization.Validation;

namespace Regularization.Penalties;

/// <summary>
/// The group-lasso penalty <c>f(w) = Lambda sum_g weight_g ||w_g||_2</c> over disjoint groups of coefficient indices,
/// with <c>weight_g = sqrt(|g|)</c> by default. Its prox block-soft-thresholds each group at <c>step Lambda weight_g</c>.
/// Indices in no group are unpenalized.
/// </summary>
public sealed class GroupLassoPenalty : IPenalty
{
    private readonly int[][] _groups;
    private readonly double[] _weights;

    /// <summary>Creates the penalty.</summary>
    /// <param name="lambda">Strength, finite and &gt;= 0.</param>
    /// <param name="groups">Disjoint groups of indices in [0, length).</param>
    /// <param name="length">Number of coefficients.</param>
    /// <param name="weights">Per-group weights (finite, &gt;= 0); default sqrt of each group's size.</param>
    public GroupLassoPenalty(double lambda, IReadOnlyList<IReadOnlyList<int>> groups, int length, IReadOnlyList<double>? weights = null)
    {
        Lambda = Guard.NonNegative(lambda, nameof(lambda));
        Guard.NotNull(groups, nameof(groups));
        Guard.AtLeast(length, 1, nameof(length));
        _groups = ValidateGroups(groups, length);
        if (weights is not null)
        {
            Guard.SameLength(weights.Count, groups.Count, nameof(weights), "groups.Count");
            for (int g = 0; g < weights.Count; g++) Guard.NonNegative(weights[g], $"weights[{g}]");
            _weights = weights.ToArray();
        }
        else
        {
            _weights = _groups.Select(g => Math.Sqrt(g.Length)).ToArray();
        }
        Length = length;
    }

    /// <summary>The strength.</summary>
    public double Lambda { get; }

    /// <summary>The groups (copies).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Groups => _groups;

    /// <summary>The per-group weights.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <inheritdoc />
    public int? Length { get; }

    /// <summary>Checks that groups are non-empty, disjoint, and within [0, length); returns copies.</summary>
    public static int[][] ValidateGroups(IReadOnlyList<IReadOnlyList<int>> groups, int length, string name = "groups")
    {
        var seen = new int[length];
        Array.Fill(seen, -1);
        var copy = new int[groups.Count][];
        for (int g = 0; g < groups.Count; g++)
        {
            var grp = groups[g] ?? throw new ArgumentNullException(name, $"{name}[{g}] is null.");
            if (grp.Count == 0) throw new ArgumentException($"{name}[{g}] is empty: every group needs at least one index.", name);
            copy[g] = grp.ToArray();
            foreach (int j in grp)
            {
                if (j < 0 || j >= length)
                    throw new ArgumentOutOfRangeException(name, j, $"{name}[{g}] contains index {j}: indices must lie in [0, {length - 1}] (the number of features is {length}).");
                if (seen[j] >= 0)
                    throw new ArgumentException($"{name}[{g}] contains index {j}, already in {name}[{seen[j]}]: groups must be disjoint.", name);
                seen[j] = g;
            }
        }
        return copy;
    }

    private void CheckLength(int n, string name)
    {
        if (n != Length) throw new ArgumentException($"{name} has length {n} but the penalty has {Length} coefficients.", name);
    }

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> w)
    {
        CheckLength(w.Length, nameof(w));
        double s = 0;
        for (int g = 0; g < _groups.Length; g++)
        {
            double ss = 0;
            foreach (int j in _groups[g]) ss += w[j] * w[j];
            s += _weights[g] * Math.Sqrt(ss);
        }
        return Lambda * s;
    }

    /// <inheritdoc />
    public void Subgradient(ReadOnlySpan<double> w, Span<double> destination)
    {
        CheckLength(w.Length, nameof(w));
        destination[..w.Length].Clear();
        for (int g = 0; g < _groups.Length; g++)
        {
            double ss = 0;
            foreach (int j in _groups[g]) ss += w[j] * w[j];
            if (ss == 0) continue;
            double c = Lambda * _weights[g] / Math.Sqrt(ss);
            foreach (int j in _groups[g]) destination[j] = c * w[j];
        }
    }

    /// <inheritdoc />
    public void Prox(ReadOnlySpan<double> v, double step, Span<double> destination)
    {
        CheckLength(v.Length, nameof(v));
        Guard.NonNegative(step, nameof(step));
        if (!v.Overlaps(destination)) v.CopyTo(destination);
        double[] block = new double[_groups.Max(g => g.Length)];
        for (int g = 0; g < _groups.Length; g++)
        {
            var grp = _groups[g];
            var b = block.AsSpan(0, grp.Length);
            for (int k = 0; k < grp.Length; k++) b[k] = v[grp[k]];
            ProxKernels.BlockSoftThreshold(b, step * Lambda * _weights[g], b);
            for (int k = 0; k < grp.Length; k++) destination[grp[k]] = b[k];
        }
    }
}
