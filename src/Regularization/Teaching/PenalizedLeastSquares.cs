using MathNet.Numerics.LinearAlgebra;
using Regularization.Validation;

namespace Regularization.Teaching;

/// <summary>
/// The objective <c>F(w) = 1/(2n) ||y - X w||² + L2 ||w||² + L1 ||w||₁</c> (no intercept; center the data first), with its
/// value and gradient, for deriving and checking optimizer updates. Note the L2 convention <c>L2 ||w||²</c> (gradient
/// <c>2 L2 w</c>), as in the weight-decay derivation; <see cref="Penalties.L2Penalty"/> uses <c>Lambda/2 ||w||²</c>.
/// </summary>
public sealed class PenalizedLeastSquares
{
    private readonly Matrix<double> _x;
    private readonly Vector<double> _y;

    /// <summary>Creates the objective.</summary>
    /// <param name="x">Design matrix, n × p, finite.</param>
    /// <param name="y">Target, length n.</param>
    /// <param name="l2">Strength of <c>||w||²</c>, &gt;= 0.</param>
    /// <param name="l1">Strength of <c>||w||₁</c>, &gt;= 0.</param>
    public PenalizedLeastSquares(Matrix<double> x, Vector<double> y, double l2 = 0, double l1 = 0)
    {
        Guard.Design(x, nameof(x));
        Guard.Target(y, x.RowCount, nameof(y));
        _x = x; _y = y;
        L2 = Guard.NonNegative(l2, nameof(l2));
        L1 = Guard.NonNegative(l1, nameof(l1));
    }

    /// <summary>Strength of the squared L2 term.</summary>
    public double L2 { get; }

    /// <summary>Strength of the L1 term.</summary>
    public double L1 { get; }

    /// <summary>Number of coefficients p.</summary>
    public int Features => _x.ColumnCount;

    /// <summary><c>F(w)</c>.</summary>
    public double Value(IReadOnlyList<double> w)
    {
        var v = Vec(w);
        var r = _y - _x * v;
        return r.DotProduct(r) / (2.0 * _x.RowCount) + L2 * v.DotProduct(v) + L1 * v.L1Norm();
    }

    /// <summary>The gradient of the data term only, <c>Xᵀ(X w - y) / n</c>.</summary>
    public double[] LossGradient(IReadOnlyList<double> w)
    {
        var v = Vec(w);
        return (_x.TransposeThisAndMultiply(_x * v - _y) / _x.RowCount).ToArray();
    }

    /// <summary>
    /// The gradient of F: <c>Xᵀ(X w - y) / n + 2 L2 w + L1 sign(w)</c>, with sign(0) = 0 (a subgradient where some
    /// <c>w_j = 0</c> and L1 &gt; 0).
    /// </summary>
    public double[] Gradient(IReadOnlyList<double> w)
    {
        var g = LossGradient(w);
        for (int j = 0; j < g.Length; j++) g[j] += 2 * L2 * w[j] + L1 * Math.Sign(w[j]);
        return g;
    }

    private Vector<double> Vec(IReadOnlyList<double> w)
    {
        Guard.NotNull(w, nameof(w));
        if (w.Count != _x.ColumnCount) throw new ArgumentException($"w has {w.Count} entries but X has {_x.ColumnCount} columns.", nameof(w));
        return Vector<double>.Build.DenseOfEnumerable(w);
    }
}
