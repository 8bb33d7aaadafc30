using MathNet.Numerics.LinearAlgebra;
using System.Numerics.Tensors;

using Regularization.Kernels;

namespace Regularization.Linear;

/// <summary>Small dense helpers on column-major arrays for the closed-form solvers (Cholesky solve, symmetric eigendecomposition).</summary>
internal static class DenseLinearAlgebra
{
    /// <summary>
    /// Solves <c>(A + shift I) x = b</c> for symmetric positive definite A (m x m column-major, not modified) by an in-place
    /// Cholesky factorization of a copy. Throws when the matrix is not positive definite.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[] CholeskySolve(double[] a, int m, double shift, double[] b) =>
        CholeskySolveInPlace((double[])a.Clone(), m, shift, (double[])b.Clone());

    /// <summary>
    /// <see cref="CholeskySolve"/> without the copies: reads only the lower triangle of <paramref name="a"/> and overwrites it with
    /// the Cholesky factor; <paramref name="b"/> is overwritten with the solution and returned.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[] CholeskySolveInPlace(double[] a, int m, double shift, double[] b)
    {
        var l = a;
        for (int i = 0; i < m; i++) l[(long)i * m + i] += shift;
        CholeskyInPlace(l, m);
        var x = b;
        // forward: L z = b (L lower, column-major: L[i, k] at k*m + i)
        for (int k = 0; k < m; k++)
        {
            x[k] /= l[(long)k * m + k];
            double xk = x[k];
            if (xk != 0 && k + 1 < m)
                VectorKernels.Axpy(-xk, l.AsSpan(k * m + k + 1, m - k - 1), x.AsSpan(k + 1, m - k - 1));
        }
        // backward: L^T x = z
        for (int k = m - 1; k >= 0; k--)
        {
            double s = x[k];
            if (k + 1 < m) s -= VectorKernels.Dot(l.AsSpan(k * m + k + 1, m - k - 1), x.AsSpan(k + 1, m - k - 1));
            x[k] = s / l[(long)k * m + k];
        }
        return x;
    }

    /// <summary>
    /// Cholesky factorization (lower triangle, column-major), in place; the upper triangle is left untouched. Right-looking in
    /// panels of four columns: each panel is factored column by column, then the trailing matrix takes one fused rank-4 update
    /// (four FMAs per element loaded and stored instead of one), which quarters the memory traffic of the column-at-a-time form.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static unsafe void CholeskyInPlace(double[] a, int m)
    {
        fixed (double* l = a)
        {
            for (int k = 0; k < m; k += 4)
            {
                int kb = Math.Min(4, m - k);
                for (int c = k; c < k + kb; c++)
                {
                    long cc = (long)c * m;
                    double d = l[cc + c];
                    if (!(d > 0))
                        throw new InvalidOperationException($"The matrix is not positive definite (pivot {c} = {d:G3}); increase alpha.");
                    d = Math.Sqrt(d);
                    l[cc + c] = d;
                    var col = new Span<double>(l + cc + c + 1, m - c - 1);
                    TensorPrimitives.Divide(col, d, col);
                    for (int j = c + 1; j < k + kb; j++)   // the rest of the panel
                    {
                        double ljc = l[cc + j];
                        if (ljc != 0) VectorKernels.Axpy(-ljc, new ReadOnlySpan<double>(l + cc + j, m - j), new Span<double>(l + (long)j * m + j, m - j));
                    }
                }
                if (kb < 4)
                {
                    for (int c = k; c < k + kb; c++)
                        for (int j = k + kb; j < m; j++)
                        {
                            double ljc = l[(long)c * m + j];
                            if (ljc != 0) VectorKernels.Axpy(-ljc, new ReadOnlySpan<double>(l + (long)c * m + j, m - j), new Span<double>(l + (long)j * m + j, m - j));
                        }
                    continue;
                }
                double* p0 = l + (long)k * m, p1 = p0 + m, p2 = p1 + m, p3 = p2 + m;
                for (int j = k + 4; j < m; j++)
                    Rank4Update(p0[j], p1[j], p2[j], p3[j], p0 + j, p1 + j, p2 + j, p3 + j, l + (long)j * m + j, m - j);
            }
        }
    }

    /// <summary><c>y -= a0 x0 + a1 x1 + a2 x2 + a3 x3</c> over <paramref name="len"/> entries.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Rank4Update(double a0, double a1, double a2, double a3, double* x0, double* x1, double* x2, double* x3, double* y, int len)
    {
        int i = 0;
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            var v0 = System.Runtime.Intrinsics.Vector256.Create(a0);
            var v1 = System.Runtime.Intrinsics.Vector256.Create(a1);
            var v2 = System.Runtime.Intrinsics.Vector256.Create(a2);
            var v3 = System.Runtime.Intrinsics.Vector256.Create(a3);
            for (; i + 4 <= len; i += 4)
            {
                var t = System.Runtime.Intrinsics.X86.Avx.LoadVector256(y + i);
                t = System.Runtime.Intrinsics.X86.Fma.MultiplyAddNegated(v0, System.Runtime.Intrinsics.X86.Avx.LoadVector256(x0 + i), t);
                t = System.Runtime.Intrinsics.X86.Fma.MultiplyAddNegated(v1, System.Runtime.Intrinsics.X86.Avx.LoadVector256(x1 + i), t);
                t = System.Runtime.Intrinsics.X86.Fma.MultiplyAddNegated(v2, System.Runtime.Intrinsics.X86.Avx.LoadVector256(x2 + i), t);
                t = System.Runtime.Intrinsics.X86.Fma.MultiplyAddNegated(v3, System.Runtime.Intrinsics.X86.Avx.LoadVector256(x3 + i), t);
                System.Runtime.Intrinsics.X86.Avx.Store(y + i, t);
            }
        }
        for (; i < len; i++) y[i] -= a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i];
    }

    /// <summary>Eigendecomposition of a symmetric m x m matrix: eigenvalues (ascending) and eigenvectors (column-major m x m).</summary>
    public static (double[] Values, double[] Vectors) SymmetricEigen(double[] a, int m)
    {
        var mat = Matrix<double>.Build.Dense(m, m, (double[])a.Clone());
        var evd = mat.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(c => c.Real).ToArray();
        var vectors = evd.EigenVectors.ToColumnMajorArray();
        return (values, vectors);
    }
}
