using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Regularization.Kernels;

/// <summary>
/// Dense kernels on column-major matrices (column j of an n x p matrix occupies [j n, (j+1) n)):
/// the Gram matrix <c>X^T X</c> (a symmetric rank-k update, cache-blocked, AVX2/FMA 4x3 register tiles with a portable fallback),
/// <c>X^T v</c> and <c>X v</c>. Span-in, span-out; no allocation.
/// </summary>
public static partial class GramKernels
{
    private const int RowBlock = 256;   // rows of X per cache block
    private const int ColBlock = 192;   // columns of the streamed operand per cache block

    /// <summary>
    /// Writes the full symmetric <c>G = X^T X</c> (p x p, column-major) of the column-major n x p matrix <paramref name="x"/>.
    /// </summary>
    public static void Gram(ReadOnlySpan<double> x, int n, int p, Span<double> g)
    {
        if (x.Length < (long)n * p) throw new ArgumentException($"x has length {x.Length}, less than n*p = {(long)n * p}.", nameof(x));
        if (g.Length < (long)p * p) throw new ArgumentException($"g has length {g.Length}, less than p*p = {(long)p * p}.", nameof(g));
        g[..(p * p)].Clear();
        if (PackedSupported && p >= 8) PackedGram(x, n, p, g);
        else if (Fma.IsSupported && Avx.IsSupported) GramAvx(x, n, p, g);
        else
        {
            for (int j = 0; j < p; j++)
                for (int i = j; i < p; i++)
                    g[j * p + i] = VectorKernels.Dot(x.Slice(i * n, n), x.Slice(j * n, n));
        }
        // mirror the lower triangle into the upper one
        for (int j = 0; j < p; j++)
            for (int i = j + 1; i < p; i++)
                g[i * p + j] = g[j * p + i];
    }

    private static unsafe void PackedGram(ReadOnlySpan<double> xs, int n, int p, Span<double> gs)
    {
        fixed (double* x = xs)
        fixed (double* g = gs)
            PackedGramLower(x, n, p, null, null, g, null);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void GramAvx(ReadOnlySpan<double> xs, int n, int p, Span<double> gs)
    {
        fixed (double* x = xs)
        fixed (double* g = gs)
        {
            for (int k0 = 0; k0 < n; k0 += RowBlock)
                GramBlockAvx(x, n, k0, Math.Min(RowBlock, n - k0), p, g);
        }
    }

    /// <summary>Adds rows [k0, k0 + kc) of the column-major matrix x (column stride <paramref name="stride"/>) to the lower triangle of g.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void GramBlockAvx(double* x, int stride, int k0, int kc, int p, double* g)
    {
        int n = stride;
        for (int j0 = 0; j0 < p; j0 += ColBlock)
        {
            int jEnd = Math.Min(p, j0 + ColBlock);
            // i tiles of 4 columns with i0 + 3 >= j0 (lower triangle including diagonal tiles)
            int iStart = j0 - (j0 % 4);
            for (int i0 = iStart; i0 < p; i0 += 4)
            {
                int ic = Math.Min(4, p - i0);
                int jLim = Math.Min(jEnd, i0 + ic);
                if (ic == 4)
                {
                    int j = j0;
                    for (; j + 3 <= jLim; j += 3) Tile4x3(x, n, k0, kc, i0, j, g, p);
                    for (; j + 2 <= jLim; j += 2) Tile4x2(x, n, k0, kc, i0, j, g, p);
                    for (; j < jLim; j++)
                        for (int t = 0; t < 4; t++) g[(long)j * p + i0 + t] += Dot(x + (long)(i0 + t) * n + k0, x + (long)j * n + k0, kc);
                }
                else
                {
                    for (int t = 0; t < ic; t++)
                        for (int j = j0; j < jLim; j++)
                            g[(long)j * p + i0 + t] += Dot(x + (long)(i0 + t) * n + k0, x + (long)j * n + k0, kc);
                }
            }
        }
    }

    /// <summary>
    /// The lower triangle (upper left untouched) of <c>G = (X - 1 m^T)^T (X - 1 m^T)</c> and <c>q = (X - 1 m^T)^T v</c> for the
    /// column-major n x p <paramref name="xs"/> and column means <paramref name="mean"/>, without a centered copy of X: each block
    /// of rows is centered into a cache-resident panel (as a BLAS packs its operands) and multiplied there (the packed kernel
    /// of GramKernels.Packed.cs with AVX2/FMA, dot products otherwise). Inside the 4 x 4 diagonal blocks the upper triangle
    /// gets its symmetric values too; the rest of it is not written.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static unsafe void CenteredGramLower(ReadOnlySpan<double> xs, int n, int p, ReadOnlySpan<double> mean, ReadOnlySpan<double> v, Span<double> gs, Span<double> q)
    {
        if (xs.Length < (long)n * p) throw new ArgumentException($"x has length {xs.Length}, less than n*p = {(long)n * p}.", nameof(xs));
        if (gs.Length < (long)p * p) throw new ArgumentException($"g has length {gs.Length}, less than p*p = {(long)p * p}.", nameof(gs));
        if (mean.Length < p || q.Length < p) throw new ArgumentException($"mean and q need length p = {p}.", nameof(mean));
        if (v.Length < n) throw new ArgumentException($"v has length {v.Length}, less than n = {n}.", nameof(v));
        gs[..(p * p)].Clear();
        q[..p].Clear();
        if (PackedSupported)
        {
            fixed (double* x = xs)
            fixed (double* m = mean)
            fixed (double* vp = v)
            fixed (double* g = gs)
            fixed (double* qp = q)
                PackedGramLower(x, n, p, m, vp, g, qp);
            return;
        }
        // portable: panel of kc rows x p columns, at most ~1 MiB (half the L2 here), kc a multiple of 4
        int kc = Math.Clamp((131072 / p) & ~3, 64, RowBlock);
        var panel = GC.AllocateUninitializedArray<double>(kc * p);
        fixed (double* x = xs)
        fixed (double* g = gs)
        fixed (double* b = panel)
        {
            for (int k0 = 0; k0 < n; k0 += kc)
            {
                int rows = Math.Min(kc, n - k0);
                var vb = v.Slice(k0, rows);
                for (int j = 0; j < p; j++)
                {
                    var src = new ReadOnlySpan<double>(x + (long)j * n + k0, rows);
                    var dst = new Span<double>(b + (long)j * rows, rows);
                    TensorPrimitives.Subtract(src, mean[j], dst);
                    q[j] += VectorKernels.Dot(dst, vb);
                }
                for (int j = 0; j < p; j++)
                    for (int i = j; i < p; i++)
                        g[(long)j * p + i] += Dot(b + (long)i * rows, b + (long)j * rows, rows);
            }
        }
    }

    private static unsafe double Dot(double* a, double* b, int len)
    {
        return VectorKernels.Dot(new ReadOnlySpan<double>(a, len), new ReadOnlySpan<double>(b, len));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile4x3(double* x, int n, int k0, int kc, int i0, int j0, double* g, int p)
    {
        double* a0 = x + (long)i0 * n + k0, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
        double* b0 = x + (long)j0 * n + k0, b1 = b0 + n, b2 = b1 + n;
        Vector256<double> c00 = Vector256<double>.Zero, c10 = c00, c20 = c00, c30 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00,
            c02 = c00, c12 = c00, c22 = c00, c32 = c00;
        int k = 0;
        for (; k + 4 <= kc; k += 4)
        {
            var vb0 = Avx.LoadVector256(b0 + k);
            var vb1 = Avx.LoadVector256(b1 + k);
            var vb2 = Avx.LoadVector256(b2 + k);
            var va = Avx.LoadVector256(a0 + k);
            c00 = Fma.MultiplyAdd(va, vb0, c00); c01 = Fma.MultiplyAdd(va, vb1, c01); c02 = Fma.MultiplyAdd(va, vb2, c02);
            va = Avx.LoadVector256(a1 + k);
            c10 = Fma.MultiplyAdd(va, vb0, c10); c11 = Fma.MultiplyAdd(va, vb1, c11); c12 = Fma.MultiplyAdd(va, vb2, c12);
            va = Avx.LoadVector256(a2 + k);
            c20 = Fma.MultiplyAdd(va, vb0, c20); c21 = Fma.MultiplyAdd(va, vb1, c21); c22 = Fma.MultiplyAdd(va, vb2, c22);
            va = Avx.LoadVector256(a3 + k);
            c30 = Fma.MultiplyAdd(va, vb0, c30); c31 = Fma.MultiplyAdd(va, vb1, c31); c32 = Fma.MultiplyAdd(va, vb2, c32);
        }
        double s00 = Vector256.Sum(c00), s10 = Vector256.Sum(c10), s20 = Vector256.Sum(c20), s30 = Vector256.Sum(c30);
        double s01 = Vector256.Sum(c01), s11 = Vector256.Sum(c11), s21 = Vector256.Sum(c21), s31 = Vector256.Sum(c31);
        double s02 = Vector256.Sum(c02), s12 = Vector256.Sum(c12), s22 = Vector256.Sum(c22), s32 = Vector256.Sum(c32);
        for (; k < kc; k++)
        {
            double u0 = b0[k], u1 = b1[k], u2 = b2[k];
            s00 += a0[k] * u0; s01 += a0[k] * u1; s02 += a0[k] * u2;
            s10 += a1[k] * u0; s11 += a1[k] * u1; s12 += a1[k] * u2;
            s20 += a2[k] * u0; s21 += a2[k] * u1; s22 += a2[k] * u2;
            s30 += a3[k] * u0; s31 += a3[k] * u1; s32 += a3[k] * u2;
        }
        double* g0 = g + (long)j0 * p + i0, g1 = g0 + p, g2 = g1 + p;
        g0[0] += s00; g0[1] += s10; g0[2] += s20; g0[3] += s30;
        g1[0] += s01; g1[1] += s11; g1[2] += s21; g1[3] += s31;
        g2[0] += s02; g2[1] += s12; g2[2] += s22; g2[3] += s32;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile4x2(double* x, int n, int k0, int kc, int i0, int j0, double* g, int p)
    {
        double* a0 = x + (long)i0 * n + k0, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
        double* b0 = x + (long)j0 * n + k0, b1 = b0 + n;
        Vector256<double> c00 = Vector256<double>.Zero, c10 = c00, c20 = c00, c30 = c00, c01 = c00, c11 = c00, c21 = c00, c31 = c00;
        int k = 0;
        for (; k + 4 <= kc; k += 4)
        {
            var vb0 = Avx.LoadVector256(b0 + k);
            var vb1 = Avx.LoadVector256(b1 + k);
            var va = Avx.LoadVector256(a0 + k);
            c00 = Fma.MultiplyAdd(va, vb0, c00); c01 = Fma.MultiplyAdd(va, vb1, c01);
            va = Avx.LoadVector256(a1 + k);
            c10 = Fma.MultiplyAdd(va, vb0, c10); c11 = Fma.MultiplyAdd(va, vb1, c11);
            va = Avx.LoadVector256(a2 + k);
            c20 = Fma.MultiplyAdd(va, vb0, c20); c21 = Fma.MultiplyAdd(va, vb1, c21);
            va = Avx.LoadVector256(a3 + k);
            c30 = Fma.MultiplyAdd(va, vb0, c30); c31 = Fma.MultiplyAdd(va, vb1, c31);
        }
        double s00 = Vector256.Sum(c00), s10 = Vector256.Sum(c10), s20 = Vector256.Sum(c20), s30 = Vector256.Sum(c30);
        double s01 = Vector256.Sum(c01), s11 = Vector256.Sum(c11), s21 = Vector256.Sum(c21), s31 = Vector256.Sum(c31);
        for (; k < kc; k++)
        {
            double u0 = b0[k], u1 = b1[k];
            s00 += a0[k] * u0; s01 += a0[k] * u1;
            s10 += a1[k] * u0; s11 += a1[k] * u1;
            s20 += a2[k] * u0; s21 += a2[k] * u1;
            s30 += a3[k] * u0; s31 += a3[k] * u1;
        }
        double* g0 = g + (long)j0 * p + i0, g1 = g0 + p;
        g0[0] += s00; g0[1] += s10; g0[2] += s20; g0[3] += s30;
        g1[0] += s01; g1[1] += s11; g1[2] += s21; g1[3] += s31;
    }

    /// <summary><c>dest = X^T v</c> for column-major n x p <paramref name="x"/> (dest has length p).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void TransposeMultiply(ReadOnlySpan<double> x, int n, int p, ReadOnlySpan<double> v, Span<double> dest)
    {
        CheckShape(x, n, p);
        LogisticKernels.CheckIn(v, n, nameof(v));
        if (dest.Length < p) throw new ArgumentException($"dest has length {dest.Length}, shorter than p = {p}.", nameof(dest));
        for (int j = 0; j < p; j++) dest[j] = VectorKernels.Dot(x.Slice(j * n, n), v[..n]);
    }

    /// <summary><c>dest = X v</c> for column-major n x p <paramref name="x"/> (dest has length n); skips zero entries of v.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<double> x, int n, int p, ReadOnlySpan<double> v, Span<double> dest)
    {
        CheckShape(x, n, p);
        LogisticKernels.CheckIn(v, p, nameof(v));
        if (dest.Length < n) throw new ArgumentException($"dest has length {dest.Length}, shorter than n = {n}.", nameof(dest));
        var d = dest[..n];
        d.Clear();
        for (int j = 0; j < p; j++)
        {
            double vj = v[j];
            if (vj != 0) VectorKernels.Axpy(vj, x.Slice(j * n, n), d);
        }
    }

    /// <summary>Transposes the column-major n x p <paramref name="x"/> into the column-major p x n <paramref name="dest"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<double> x, int n, int p, Span<double> dest)
    {
        CheckShape(x, n, p);
        if (dest.Length < (long)n * p) throw new ArgumentException($"dest has length {dest.Length}, less than n*p = {(long)n * p}.", nameof(dest));
        const int B = 32;
        for (int i0 = 0; i0 < n; i0 += B)
            for (int j0 = 0; j0 < p; j0 += B)
            {
                int iE = Math.Min(n, i0 + B), jE = Math.Min(p, j0 + B);
                for (int i = i0; i < iE; i++)
                    for (int j = j0; j < jE; j++)
                        dest[i * p + j] = x[j * n + i];
            }
    }

    private static void CheckShape(ReadOnlySpan<double> x, int n, int p)
    {
        LogisticKernels.CheckSize(n, nameof(n));
        LogisticKernels.CheckSize(p, nameof(p));
        if (x.Length < (long)n * p) throw new ArgumentException($"x has length {x.Length}, less than n*p = {(long)n * p}.", nameof(x));
    }
}
