using Regularization.Data;

namespace Regularization.Linear;

/// <summary>
/// Names the column that makes a prepared design rank-deficient, for the message of an unpenalized closed-form fit that cannot
/// factor its Gram matrix: a constant column (zero after centering), a copy of an earlier column up to scale, or the first column
/// lying in the span of the earlier ones (modified Gram-Schmidt with a relative tolerance of 1e-10).
/// </summary>
internal static class ColumnDependence
{
    public static string Describe(CenteredDesign d) =>
        Find(d) ?? (d.N < d.P + (d.FitIntercept ? 1 : 0) ? $"x has {d.N} rows for {d.P} columns" : "the Gram matrix is numerically singular");

    /// <summary>The dependent column as <see cref="Describe"/> words it, or null when the columns are independent to the tolerances.</summary>
    public static string? Find(CenteredDesign d)
    {
        int n = d.N, p = d.P;
        var q = new double[p][];
        var norm = new double[p];
        double maxNorm = 0;
        for (int j = 0; j < p; j++)
        {
            norm[j] = Math.Sqrt(Kernels.VectorKernels.Dot(d.X.AsSpan(j * n, n), d.X.AsSpan(j * n, n)));
            maxNorm = Math.Max(maxNorm, norm[j]);
        }
        for (int j = 0; j < p; j++)
            if (norm[j] <= 1e-12 * maxNorm)
                return d.FitIntercept
                    ? $"column {j} of x is constant (it is zero after centering, so the intercept already spans it)"
                    : $"column {j} of x is zero";
        for (int j = 0; j < p; j++)
        {
            var cj = d.X.AsSpan(j * n, n);
            for (int k = 0; k < j; k++)
            {
                double c = Kernels.VectorKernels.Dot(cj, d.X.AsSpan(k * n, n)) / (norm[j] * norm[k]);
                if (Math.Abs(c) >= 1 - 1e-12) return $"column {j} of x is a copy of column {k} up to scale{(d.FitIntercept ? " and shift" : "")} (correlation {c:R})";
            }
        }
        var basis = new List<double[]>();
        for (int j = 0; j < p; j++)
        {
            var v = d.X.AsSpan(j * n, n).ToArray();
            foreach (var b in basis) Kernels.VectorKernels.Axpy(-Kernels.VectorKernels.Dot(b, v), b, v);
            double r = Math.Sqrt(Kernels.VectorKernels.Dot(v, v));
            if (r <= 1e-10 * norm[j])
                return $"column {j} of x is a linear combination of columns 0..{j - 1} (its residual after projecting on them is {r / norm[j]:G3} of its norm)";
            for (int i = 0; i < n; i++) v[i] /= r;
            basis.Add(v);
        }
        return null;
    }
}
