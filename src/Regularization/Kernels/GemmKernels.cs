using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Regularization.Kernels;

/// <summary>
/// Dense matrix product on column-major arrays: <c>C = A B</c> with A n x p, B p x q, C n x q
/// (cache-blocked; AVX2/FMA 8x4 register tiles with a portable fallback). No allocation.
/// </summary>
public static class GemmKernels
{
    private const int ColChunk = 64;

    /// <summary>Writes <c>C = A B</c> (all column-major): A is n x p, B is p x q, C is n x q.</summary>
    public static void Multiply(ReadOnlySpan<double> a, int n, int p, ReadOnlySpan<double> b, int q, Span<double> c)
    {
        if (a.Length < (long)n * p) throw new ArgumentException($"a has length {a.Length}, less than n*p = {(long)n * p}.", nameof(a));
        if (b.Length < (long)p * q) throw new ArgumentException($"b has length {b.Length}, less than p*q = {(long)p * q}.", nameof(b));
        if (c.Length < (long)n * q) throw new ArgumentException($"c has length {c.Length}, less than n*q = {(long)n * q}.", nameof(c));
        if (Fma.IsSupported && Avx.IsSupported) MultiplyAvx(a, n, p, b, q, c);
        else MultiplyScalar(a, n, p, b, q, c);
    }

    /// <summary>Reference implementation (column axpy form), used for small or non-AVX cases.</summary>
    public static void MultiplyScalar(ReadOnlySpan<double> a, int n, int p, ReadOnlySpan<double> b, int q, Span<double> c)
    {
        for (int k = 0; k < q; k++)
        {
            var ck = c.Slice(k * n, n);
            ck.Clear();
            for (int j = 0; j < p; j++)
            {
                double bjk = b[k * p + j];
                if (bjk != 0) VectorKernels.Axpy(bjk, a.Slice(j * n, n), ck);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MultiplyAvx(ReadOnlySpan<double> aS, int n, int p, ReadOnlySpan<double> bS, int q, Span<double> cS)
    {
        fixed (double* a = aS)
        fixed (double* b = bS)
        fixed (double* c = cS)
        {
            int n8 = n - n % 8;
            for (int kc0 = 0; kc0 < q; kc0 += ColChunk)
            {
                int kcEnd = Math.Min(q, kc0 + ColChunk);
                int q4End = kc0 + (kcEnd - kc0) / 4 * 4;
                for (int i0 = 0; i0 < n8; i0 += 8)
                {
                    for (int k0 = kc0; k0 < q4End; k0 += 4) Tile8x4(a, n, p, b, c, i0, k0);
                    for (int k = q4End; k < kcEnd; k++)
                        for (int i = i0; i < i0 + 8; i++) c[(long)k * n + i] = RowDot(a, n, p, b + (long)k * p, i);
                }
                for (int k = kc0; k < kcEnd; k++)
                    for (int i = n8; i < n; i++) c[(long)k * n + i] = RowDot(a, n, p, b + (long)k * p, i);
            }
        }
    }

    private static unsafe double RowDot(double* a, int n, int p, double* bcol, int i)
    {
        double s = 0;
        for (int j = 0; j < p; j++) s += a[(long)j * n + i] * bcol[j];
        return s;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile8x4(double* a, int n, int p, double* b, double* c, int i0, int k0)
    {
        double* b0 = b + (long)k0 * p, b1 = b0 + p, b2 = b1 + p, b3 = b2 + p;
        Vector256<double> c00 = Vector256<double>.Zero, c10 = c00, c01 = c00, c11 = c00, c02 = c00, c12 = c00, c03 = c00, c13 = c00;
        double* ap = a + i0;
        for (int j = 0; j < p; j++, ap += n)
        {
            var a0 = Avx.LoadVector256(ap);
            var a1 = Avx.LoadVector256(ap + 4);
            var v = Vector256.Create(b0[j]);
            c00 = Fma.MultiplyAdd(a0, v, c00); c10 = Fma.MultiplyAdd(a1, v, c10);
            v = Vector256.Create(b1[j]);
            c01 = Fma.MultiplyAdd(a0, v, c01); c11 = Fma.MultiplyAdd(a1, v, c11);
            v = Vector256.Create(b2[j]);
            c02 = Fma.MultiplyAdd(a0, v, c02); c12 = Fma.MultiplyAdd(a1, v, c12);
            v = Vector256.Create(b3[j]);
            c03 = Fma.MultiplyAdd(a0, v, c03); c13 = Fma.MultiplyAdd(a1, v, c13);
        }
        double* cp = c + (long)k0 * n + i0;
        Avx.Store(cp, c00); Avx.Store(cp + 4, c10); cp += n;
        Avx.Store(cp, c01); Avx.Store(cp + 4, c11); cp += n;
        Avx.Store(cp, c02); Avx.Store(cp + 4, c12); cp += n;
        Avx.Store(cp, c03); Avx.Store(cp + 4, c13);
    }
}
