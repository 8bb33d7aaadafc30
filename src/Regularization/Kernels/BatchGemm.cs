using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Regularization.Kernels;

/// <summary>
/// The small single-precision matrix products of <see cref="Teaching.DecayGridBatch"/>:
/// <c>C[m, n] = bias[n] + Σ_k L(m, k) R[k, n]</c> with L read through two strides (so that either L or its transpose can be
/// stored), R row-major and C row-major. Outer-product form: 4 x 16 register tiles of C take, per k, two loads of R, four
/// broadcasts of L and eight multiply-adds (AVX; a scalar loop otherwise). Each multiply-add is a multiplication followed by
/// an addition, rounded twice (no FMA), and the sum runs over k in order from 0: exactly the arithmetic of
/// a sequence of <c>y += a x</c> updates (<see cref="DenseKernels.Axpy{T}"/>), which is what makes the batched trainer's
/// gradients bit-identical to the one-model <see cref="DenseKernels.Backward{T}"/>. No allocation.
/// </summary>
internal static class BatchGemm
{
    /// <summary>
    /// <c>C[m * cs + n] = (bias is null ? 0 : bias[n]) + Σ_k L[m * ls + k * lk] R[k * rs + n]</c> for m &lt; M, n &lt; N, k &lt; K.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Multiply(int mRows, int nCols, int kDepth, float* l, int ls, int lk, float* r, int rs, float* c, int cs, float* bias)
    {
        if (!Avx.IsSupported)
        {
            for (int m = 0; m < mRows; m++)
                for (int n = 0; n < nCols; n++)
                {
                    float s = bias is null ? 0f : bias[n];
                    for (int k = 0; k < kDepth; k++) s = Madd(l[m * ls + k * lk], r[k * rs + n], s);
                    c[m * cs + n] = s;
                }
            return;
        }
        int m0 = 0;
        for (; m0 + 4 <= mRows; m0 += 4) Rows4(m0, nCols, kDepth, l, ls, lk, r, rs, c, cs, bias);
        for (; m0 < mRows; m0++) Row1(m0, nCols, kDepth, l, ls, lk, r, rs, c, cs, bias);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Madd(float a, float b, float c) => c + a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Madd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Avx.Add(c, Avx.Multiply(a, b));

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
                var a = Vector256.Create(l0[o]); c00 = Madd(a, r0, c00); c01 = Madd(a, r1, c01);
                a = Vector256.Create(l1[o]); c10 = Madd(a, r0, c10); c11 = Madd(a, r1, c11);
                a = Vector256.Create(l2[o]); c20 = Madd(a, r0, c20); c21 = Madd(a, r1, c21);
                a = Vector256.Create(l3[o]); c30 = Madd(a, r0, c30); c31 = Madd(a, r1, c31);
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
                s0 = Madd(l0[o], rv, s0); s1 = Madd(l1[o], rv, s1);
                s2 = Madd(l2[o], rv, s2); s3 = Madd(l3[o], rv, s3);
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
            for (int k = 0; k < kDepth; k++, rp += rs) acc = Madd(Vector256.Create(l0[(long)k * lk]), Avx.LoadVector256(rp), acc);
            Avx.Store(cp + n, acc);
        }
        for (; n < nCols; n++)
        {
            float s = bias is null ? 0f : bias[n];
            for (int k = 0; k < kDepth; k++) s = Madd(l0[(long)k * lk], r[(long)k * rs + n], s);
            cp[n] = s;
        }
    }

    /// <summary>
    /// <see cref="DenseKernels.Forward{T}"/> for float with the same arithmetic per output (a <see cref="Vector{T}"/> of partial
    /// sums, multiply then add, <see cref="Vector.Sum{T}(Vector{T})"/>, the scalar tail, then the bias), two rows and four
    /// outputs per pass so that each load of x and of w serves four and two products: bit-identical, fewer loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> x, int batch, int inF, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, int outF, Span<float> z)
    {
        if (inF < Vector<float>.Count || outF < 4)
        {
            DenseKernels.Forward(x, batch, inF, w, bias, outF, z);
            return;
        }
        int nv = inF / Vector<float>.Count, tail = nv * Vector<float>.Count;
        bool hasBias = !bias.IsEmpty;
        int b = 0;
        for (; b + 2 <= batch; b += 2)
        {
            var x0 = MemoryMarshal.Cast<float, Vector<float>>(x.Slice(b * inF, inF));
            var x1 = MemoryMarshal.Cast<float, Vector<float>>(x.Slice((b + 1) * inF, inF));
            int o = 0;
            for (; o + 4 <= outF; o += 4)
            {
                var w0 = MemoryMarshal.Cast<float, Vector<float>>(w.Slice(o * inF, inF));
                var w1 = MemoryMarshal.Cast<float, Vector<float>>(w.Slice((o + 1) * inF, inF));
                var w2 = MemoryMarshal.Cast<float, Vector<float>>(w.Slice((o + 2) * inF, inF));
                var w3 = MemoryMarshal.Cast<float, Vector<float>>(w.Slice((o + 3) * inF, inF));
                Vector<float> a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
                for (int i = 0; i < nv; i++)
                {
                    var u = x0[i]; var t = x1[i];
                    var v0 = w0[i]; var v1 = w1[i]; var v2 = w2[i]; var v3 = w3[i];
                    a00 += u * v0; a01 += u * v1; a02 += u * v2; a03 += u * v3;
                    a10 += t * v0; a11 += t * v1; a12 += t * v2; a13 += t * v3;
                }
                Store(x, b, inF, w, o, tail, bias, hasBias, outF, z, Vector.Sum(a00), Vector.Sum(a01), Vector.Sum(a02), Vector.Sum(a03));
                Store(x, b + 1, inF, w, o, tail, bias, hasBias, outF, z, Vector.Sum(a10), Vector.Sum(a11), Vector.Sum(a12), Vector.Sum(a13));
            }
            if (o < outF)
            {
                // the last outputs, one at a time, exactly as DenseKernels.Forward's remainder
                for (int r = b; r < b + 2; r++)
                    for (int k = o; k < outF; k++)
                    {
                        float d = DenseKernels.Dot(x.Slice(r * inF, inF), w.Slice(k * inF, inF));
                        z[r * outF + k] = hasBias ? bias[k] + d : d;
                    }
            }
        }
        if (b < batch) DenseKernels.Forward(x.Slice(b * inF), batch - b, inF, w, bias, outF, z.Slice(b * outF));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ReadOnlySpan<float> x, int b, int inF, ReadOnlySpan<float> w, int o, int tail, ReadOnlySpan<float> bias, bool hasBias, int outF,
        Span<float> z, float d0, float d1, float d2, float d3)
    {
        for (int i = tail; i < inF; i++)
        {
            float xi = x[b * inF + i];
            d0 += xi * w[o * inF + i]; d1 += xi * w[(o + 1) * inF + i]; d2 += xi * w[(o + 2) * inF + i]; d3 += xi * w[(o + 3) * inF + i];
        }
        var zr = z.Slice(b * outF + o, 4);
        if (hasBias) { zr[0] = bias[o] + d0; zr[1] = bias[o + 1] + d1; zr[2] = bias[o + 2] + d2; zr[3] = bias[o + 3] + d3; }
        else { zr[0] = d0; zr[1] = d1; zr[2] = d2; zr[3] = d3; }
    }
}
