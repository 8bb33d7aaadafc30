using System.Runtime.CompilerServices;
using Regularization.Kernels;

namespace Regularization.Linear;

/// <summary>
/// The residual state shared by the coordinate-descent solvers of <c>1/2 ||y - X w||^2 + penalty</c>
/// (<see cref="CoordinateDescentSolver"/>, <see cref="GroupCoordinateDescentSolver"/>): with covariance updates the correlations
/// <c>c = X^T y - G w</c> come from the Gram matrix <c>G = X^T X</c>; with naive updates the residual <c>r = y - X w</c> is kept and
/// <c>c = X^T r</c>. X is column-major n x p.
/// </summary>
internal static class LeastSquaresResidual
{
    /// <summary>
    /// Recomputes <c>c = X^T (y - X w)</c> from scratch (removing the drift of incremental updates): from <paramref name="gram"/> when
    /// it is given, otherwise by rebuilding the residual <paramref name="r"/> = y - X w (required then) and forming <c>X^T r</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Refresh(double[]? gram, double[] x, double[] y, ReadOnlySpan<double> xty, ReadOnlySpan<double> w, int n, int p,
        Span<double> c, double[]? r)
    {
        if (gram is not null)
        {
            xty.CopyTo(c);
            for (int j = 0; j < p; j++)
                if (w[j] != 0) VectorKernels.Axpy(-w[j], gram.AsSpan((int)((long)j * p), p), c);
        }
        else
        {
            y.AsSpan(0, n).CopyTo(r);
            for (int j = 0; j < p; j++)
                if (w[j] != 0) VectorKernels.Axpy(-w[j], x.AsSpan(j * n, n), r);
            GramKernels.TransposeMultiply(x, n, p, r, c);
        }
    }

    /// <summary>Keeps the state in step after coefficient <paramref name="j"/> moved by <paramref name="delta"/>: <c>c -= delta G_j</c> or <c>r -= delta x_j</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Move(double[]? gram, double[] x, int n, int p, int j, double delta, Span<double> c, double[]? r)
    {
        if (gram is not null) VectorKernels.Axpy(-delta, gram.AsSpan((int)((long)j * p), p), c);
        else VectorKernels.Axpy(-delta, x.AsSpan(j * n, n), r);
    }

    /// <summary>
    /// <c>||r||^2</c> and <c>r . y</c> at the current coefficients: from the residual <paramref name="r"/> when it is kept, otherwise
    /// (covariance updates, <paramref name="r"/> null) from <c>||y||^2</c>, <c>w . X^T y</c> and <c>w . (X^T y - c)</c> = <c>w^T G w</c>
    /// with <c>c</c> up to date.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Rn2, double Ry) Norms(double[]? r, double[] y, int n, double yy, ReadOnlySpan<double> xty, ReadOnlySpan<double> w,
        ReadOnlySpan<double> c)
    {
        if (r is not null)
        {
            var rs = r.AsSpan(0, n);
            return (VectorKernels.Dot(rs, rs), VectorKernels.Dot(rs, y.AsSpan(0, n)));
        }
        double wq = 0, wqc = 0;
        for (int j = 0; j < w.Length; j++)
        {
            double wj = w[j];
            if (wj == 0) continue;
            wq += wj * xty[j];
            wqc += wj * (xty[j] - c[j]);
        }
        return (Math.Max(0, yy - 2 * wq + wqc), yy - wq);
    }
}
