using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Regularization.Kernels;

/// <summary>
/// The small single-precision matrix product of <see cref="Teaching.DecayGridBatch"/>:
/// <c>C[m, n] = bias[n] + Σ_k L(m, k) R[k, n]</c> with L read through two strides (so that either L or its transpose can be
/// stored), R row-major and C row-major. Outer-product form: 4 x 16 register tiles of C take, per k, two loads of R, four
/// broadcasts of L and eight FMAs (AVX2/FMA; a scalar loop otherwise). No allocation.
/// </summary>
internal static class BatchGemm
{
    /// <summary>
    /// <c>C[m * cs + n] = (bias is null ? 0 : bias[n]) + Σ_k L[m * ls + k * lk] R[k * rs + n]</c> for m &lt; M, n &lt; N, k &lt; K.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Multiply(int mRows, int nCols, int kDepth, float* l, int ls, int lk, float* r, int rs, float* c, int cs, float* bias)
    {
        if (!Fma.IsSupported || !Avx.IsSupported)
        {
            for (int m = 0; m < mRows; m++)
                for (int n = 0; n < nCols; n++)
                {
                    float s = bias is null ? 0f : bias[n];
                    for (int k = 0; k < kDepth; k++) s = MathF.FusedMultiplyAdd(l[m * ls + k * lk], r[k * rs + n], s);
                    c[m * cs + n] = s;
                }
            return;
        }
        int m0 = 0;
        for (; m0 + 4 <= mRows; m0 += 4) Rows4(m0, nCols, kDepth, l, ls, lk, r, rs, c, cs, bias);
        for (; m0 < mRows; m0++) Row1(m0, nCols, kDepth, l, ls, lk, r, rs, c, cs, bias);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Rows4(int m0, int nCols, int kDepth, float* l, int ls, int lk, float* r, int rs, float* c, int cs, float* bias)
    {
        float* l0 = l + (long)m0 * ls, l1 = l0 + ls, l2 = l1 + ls, l3 = l2 + ls;
        int n = 0;
        for (; n + 16 <= nCols; n += 16)
        {
            var b0 = bias is null ? Vector256<float>.Zero : Avx.LoadVector256(bias + n);
            var b1 = bias is null ? Vector256<float>.Zero : Avx.LoadVector256(bias + n + 8);
            Vector256<float> c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
            float* rp = r + n;
            for (int k = 0; k < kDepth; k++, rp += rs)
            {
                var r0 = Avx.LoadVector256(rp);
                var r1 = Avx.LoadVector256(rp + 8);
                long o = (long)k * lk;
                var a = Vector256.Create(l0[o]); c00 = Fma.MultiplyAdd(a, r0, c00); c01 = Fma.MultiplyAdd(a, r1, c01);
                a = Vector256.Create(l1[o]); c10 = Fma.MultiplyAdd(a, r0, c10); c11 = Fma.MultiplyAdd(a, r1, c11);
                a = Vector256.Create(l2[o]); c20 = Fma.MultiplyAdd(a, r0, c20); c21 = Fma.MultiplyAdd(a, r1, c21);
                a = Vector256.Create(l3[o]); c30 = Fma.MultiplyAdd(a, r0, c30); c31 = Fma.MultiplyAdd(a, r1, c31);
            }
            float* cp = c + (long)m0 * cs + n;
            Avx.Store(cp, c00); Avx.Store(cp + 8, c01); cp += cs;
            Avx.Store(cp, c10); Avx.Store(cp + 8, c11); cp += cs;
            Avx.Store(cp, c20); Avx.Store(cp + 8, c21); cp += cs;
            Avx.Store(cp, c30); Avx.Store(cp + 8, c31);
        }
        for (; n < nCols; n++)   // narrow remainder (e.g. the 10 logits): scalar columns, four rows at a time
        {
            float s0 = bias is null ? 0f : bias[n], s1 = s0, s2 = s0, s3 = s0;
            float* rp = r + n;
            for (int k = 0; k < kDepth; k++, rp += rs)
            {
                float rv = *rp;
                long o = (long)k * lk;
                s0 = MathF.FusedMultiplyAdd(l0[o], rv, s0); s1 = MathF.FusedMultiplyAdd(l1[o], rv, s1);
                s2 = MathF.FusedMultiplyAdd(l2[o], rv, s2); s3 = MathF.FusedMultiplyAdd(l3[o], rv, s3);
            }
            float* cp = c + (long)m0 * cs + n;
            cp[0] = s0; cp[cs] = s1; cp[2 * cs] = s2; cp[3 * cs] = s3;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Row1(int m0, int nCols, int kDepth, float* l, int ls, int lk, float* r, int rs, float* c, int cs, float* bias)
    {
        float* l0 = l + (long)m0 * ls;
        float* cp = c + (long)m0 * cs;
        int n = 0;
        for (; n + 8 <= nCols; n += 8)
        {
            var acc = bias is null ? Vector256<float>.Zero : Avx.LoadVector256(bias + n);
            float* rp = r + n;
            for (int k = 0; k < kDepth; k++, rp += rs) acc = Fma.MultiplyAdd(Vector256.Create(l0[(long)k * lk]), Avx.LoadVector256(rp), acc);
            Avx.Store(cp + n, acc);
        }
        for (; n < nCols; n++)
        {
            float s = bias is null ? 0f : bias[n];
            for (int k = 0; k < kDepth; k++) s = MathF.FusedMultiplyAdd(l0[(long)k * lk], r[(long)k * rs + n], s);
            cp[n] = s;
        }
    }

    /// <summary>
    /// <c>C[m * cs + n] = (bias is null ? 0 : bias[n]) + Σ_k L[m * ls + k] R[n * rs + k]</c>: dot products of contiguous rows, four
    /// rows of R per pass over a row of L; for outputs too narrow for <see cref="Multiply"/>'s vectors (the logits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void DotRows(int mRows, int nCols, int kDepth, float* l, int ls, float* r, int rs, float* c, int cs, float* bias)
    {
        bool avx = Fma.IsSupported && Avx.IsSupported;
        int k8 = avx ? kDepth & ~7 : 0;
        for (int m = 0; m < mRows; m++)
        {
            float* lm = l + (long)m * ls;
            float* cm = c + (long)m * cs;
            int n = 0;
            for (; n + 4 <= nCols; n += 4)
            {
                float* r0 = r + (long)n * rs, r1 = r0 + rs, r2 = r1 + rs, r3 = r2 + rs;
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                if (avx)
                {
                    Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                    for (int k = 0; k < k8; k += 8)
                    {
                        var x = Avx.LoadVector256(lm + k);
                        a0 = Fma.MultiplyAdd(x, Avx.LoadVector256(r0 + k), a0); a1 = Fma.MultiplyAdd(x, Avx.LoadVector256(r1 + k), a1);
                        a2 = Fma.MultiplyAdd(x, Avx.LoadVector256(r2 + k), a2); a3 = Fma.MultiplyAdd(x, Avx.LoadVector256(r3 + k), a3);
                    }
                    s0 = Vector256.Sum(a0); s1 = Vector256.Sum(a1); s2 = Vector256.Sum(a2); s3 = Vector256.Sum(a3);
                }
                for (int k = k8; k < kDepth; k++)
                {
                    float x = lm[k];
                    s0 += x * r0[k]; s1 += x * r1[k]; s2 += x * r2[k]; s3 += x * r3[k];
                }
                if (bias is not null) { s0 += bias[n]; s1 += bias[n + 1]; s2 += bias[n + 2]; s3 += bias[n + 3]; }
                cm[n] = s0; cm[n + 1] = s1; cm[n + 2] = s2; cm[n + 3] = s3;
            }
            for (; n < nCols; n++)
            {
                float* rn = r + (long)n * rs;
                float s = 0;
                for (int k = 0; k < kDepth; k++) s += lm[k] * rn[k];
                cm[n] = bias is null ? s : s + bias[n];
            }
        }
    }
}
