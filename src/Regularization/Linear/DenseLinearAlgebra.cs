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
    public static double[] CholeskySolve(double[] a, int m, double shift, double[] b)
    {
        var l = (double[])a.Clone();
        for (int i = 0; i < m; i++) l[(long)i * m + i] += shift;
        CholeskyInPlace(l, m);
        var x = (double[])b.Clone();
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

    /// <summary>Left-looking Cholesky (lower triangle, column-major), in place; upper triangle is left untouched.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void CholeskyInPlace(double[] a, int m)
    {
        // Work on the transpose view: row i of L is stored contiguously as the upper triangle of column i? Simpler: use column updates.
        // Right-looking, column-major: for column k, scale, then update trailing columns j > k with L[j..m, k] * L[j, k].
        for (int k = 0; k < m; k++)
        {
            long ck = (long)k * m;
            double d = a[ck + k];
            if (!(d > 0))
                throw new InvalidOperationException($"The matrix is not positive definite (pivot {k} = {d:G3}); increase alpha.");
            d = Math.Sqrt(d);
            a[ck + k] = d;
            var colK = a.AsSpan((int)(ck + k + 1), m - k - 1);
            TensorPrimitives.Divide(colK, d, colK);
            for (int j = k + 1; j < m; j++)
            {
                double ljk = a[ck + j];
                if (ljk == 0) continue;
                long cj = (long)j * m;
                VectorKernels.Axpy(-ljk, a.AsSpan((int)(ck + j), m - j), a.AsSpan((int)(cj + j), m - j));
            }
        }
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
