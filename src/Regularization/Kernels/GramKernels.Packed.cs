using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Regularization.Kernels;

/// <summary>
/// The packed Gram kernel: a symmetric rank-k update in the outer-product form of a BLAS <c>syrk</c>. Each block of rows of X is
/// centered (optionally) and transposed into panels of four columns (<c>panel[k][4]</c>, cache-resident), then 12 x 4 register
/// tiles of the lower triangle accumulate <c>a_k b_k^T</c> with three loads, four broadcasts and twelve FMAs per row: no
/// horizontal reductions, and G is touched once per block of rows.
/// </summary>
public static partial class GramKernels
{
    private const int PackedRowBlock = 256;

    /// <summary>Whether the packed AVX2/FMA kernel runs on this machine (otherwise the portable path does the same work).</summary>
    internal static bool PackedSupported => Fma.IsSupported && Avx.IsSupported;

    /// <summary>
    /// Lower triangle of <c>G = X_c^T X_c</c> (upper triangle left as it was, except inside 4 x 4 diagonal blocks, where it gets
    /// the symmetric values) and <c>q = X_c^T v</c>, with <c>X_c = X - 1 mean^T</c> (mean null: X itself), by the packed kernel.
    /// Requires <see cref="PackedSupported"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void PackedGramLower(double* x, int n, int p, double* mean, double* v, double* g, double* q)
    {
        int np = (p + 3) >> 2;
        // the packed block (kc rows x 4 np columns) stays within ~1 MiB, half the L2 here
        int kcMax = Math.Min(Math.Clamp((131072 / (4 * np)) & ~3, 32, PackedRowBlock), (n + 3) & ~3);
        var pack = GC.AllocateUninitializedArray<double>(np * 4 * kcMax + 16, pinned: true);
        fixed (double* pk0 = pack)
        {
            double* pk = (double*)(((nint)pk0 + 31) & ~(nint)31);   // 32-byte aligned panels
            for (int k0 = 0; k0 < n; k0 += kcMax)
            {
                int kc = Math.Min(kcMax, n - k0);
                Pack(x, n, p, k0, kc, mean, v, pk, q);
                int stride = 4 * kc;
                for (int jp = 0; jp < np; jp++)
                {
                    double* b = pk + (long)jp * stride;
                    int ip = jp;
                    for (; ip + 3 <= np; ip += 3) Tile12x4(pk + (long)ip * stride, stride, b, kc, g, p, ip * 4, jp * 4);
                    for (; ip < np; ip++) Tile4x4(pk + (long)ip * stride, b, kc, g, p, ip * 4, jp * 4);
                }
            }
        }
    }

    /// <summary>Centers rows [k0, k0 + kc) and transposes them into panels of 4 columns (zero padding past p); adds X_c^T v to q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Pack(double* x, int n, int p, int k0, int kc, double* mean, double* v, double* pk, double* q)
    {
        int np = (p + 3) >> 2;
        int kc4 = kc & ~3;
        double* vb = v is null ? null : v + k0;
        for (int ip = 0; ip < np; ip++)
        {
            int i0 = ip * 4;
            double* dst = pk + (long)ip * 4 * kc;
            if (i0 + 4 <= p)
            {
                double* c0 = x + (long)i0 * n + k0, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
                var m0 = Vector256.Create(mean is null ? 0 : mean[i0]);
                var m1 = Vector256.Create(mean is null ? 0 : mean[i0 + 1]);
                var m2 = Vector256.Create(mean is null ? 0 : mean[i0 + 2]);
                var m3 = Vector256.Create(mean is null ? 0 : mean[i0 + 3]);
                Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
                int k = 0;
                for (; k < kc4; k += 4)
                {
                    var r0 = Avx.Subtract(Avx.LoadVector256(c0 + k), m0);
                    var r1 = Avx.Subtract(Avx.LoadVector256(c1 + k), m1);
                    var r2 = Avx.Subtract(Avx.LoadVector256(c2 + k), m2);
                    var r3 = Avx.Subtract(Avx.LoadVector256(c3 + k), m3);
                    if (vb is not null)
                    {
                        var vv = Avx.LoadVector256(vb + k);
                        s0 = Fma.MultiplyAdd(r0, vv, s0); s1 = Fma.MultiplyAdd(r1, vv, s1);
                        s2 = Fma.MultiplyAdd(r2, vv, s2); s3 = Fma.MultiplyAdd(r3, vv, s3);
                    }
                    var t0 = Avx.UnpackLow(r0, r1);
                    var t1 = Avx.UnpackHigh(r0, r1);
                    var t2 = Avx.UnpackLow(r2, r3);
                    var t3 = Avx.UnpackHigh(r2, r3);
                    double* o = dst + (long)k * 4;
                    Avx.Store(o, Avx.Permute2x128(t0, t2, 0x20));
                    Avx.Store(o + 4, Avx.Permute2x128(t1, t3, 0x20));
                    Avx.Store(o + 8, Avx.Permute2x128(t0, t2, 0x31));
                    Avx.Store(o + 12, Avx.Permute2x128(t1, t3, 0x31));
                }
                double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
                for (; k < kc; k++)
                {
                    double* o = dst + (long)k * 4;
                    o[0] = c0[k] - m0.ToScalar(); o[1] = c1[k] - m1.ToScalar(); o[2] = c2[k] - m2.ToScalar(); o[3] = c3[k] - m3.ToScalar();
                    if (vb is not null) { d0 += o[0] * vb[k]; d1 += o[1] * vb[k]; d2 += o[2] * vb[k]; d3 += o[3] * vb[k]; }
                }
                if (q is not null)
                {
                    q[i0] += Vector256.Sum(s0) + d0; q[i0 + 1] += Vector256.Sum(s1) + d1;
                    q[i0 + 2] += Vector256.Sum(s2) + d2; q[i0 + 3] += Vector256.Sum(s3) + d3;
                }
            }
            else
            {
                for (int t = 0; t < 4; t++)
                {
                    int i = i0 + t;
                    if (i >= p)
                    {
                        for (int k = 0; k < kc; k++) dst[k * 4 + t] = 0;
                        continue;
                    }
                    double* c = x + (long)i * n + k0;
                    double m = mean is null ? 0 : mean[i], s = 0;
                    for (int k = 0; k < kc; k++)
                    {
                        double r = c[k] - m;
                        dst[k * 4 + t] = r;
                        if (vb is not null) s += r * vb[k];
                    }
                    if (q is not null) q[i] += s;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile12x4(double* a, int stride, double* b, int kc, double* g, int p, int i0, int j0)
    {
        double* a0 = a, a1 = a + stride, a2 = a1 + stride;
        Vector256<double> c00 = Vector256<double>.Zero, c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00,
            c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        for (int k = 0; k < kc; k++)
        {
            long o = (long)k * 4;
            var v0 = Avx.LoadVector256(a0 + o);
            var v1 = Avx.LoadVector256(a1 + o);
            var v2 = Avx.LoadVector256(a2 + o);
            var b0 = Vector256.Create(b[o]);
            c00 = Fma.MultiplyAdd(v0, b0, c00); c10 = Fma.MultiplyAdd(v1, b0, c10); c20 = Fma.MultiplyAdd(v2, b0, c20);
            var b1 = Vector256.Create(b[o + 1]);
            c01 = Fma.MultiplyAdd(v0, b1, c01); c11 = Fma.MultiplyAdd(v1, b1, c11); c21 = Fma.MultiplyAdd(v2, b1, c21);
            var b2 = Vector256.Create(b[o + 2]);
            c02 = Fma.MultiplyAdd(v0, b2, c02); c12 = Fma.MultiplyAdd(v1, b2, c12); c22 = Fma.MultiplyAdd(v2, b2, c22);
            var b3 = Vector256.Create(b[o + 3]);
            c03 = Fma.MultiplyAdd(v0, b3, c03); c13 = Fma.MultiplyAdd(v1, b3, c13); c23 = Fma.MultiplyAdd(v2, b3, c23);
        }
        if (i0 + 12 <= p && j0 + 4 <= p)
        {
            double* g0 = g + (long)j0 * p + i0, g1 = g0 + p, g2 = g1 + p, g3 = g2 + p;
            Add(g0, c00); Add(g0 + 4, c10); Add(g0 + 8, c20);
            Add(g1, c01); Add(g1 + 4, c11); Add(g1 + 8, c21);
            Add(g2, c02); Add(g2 + 4, c12); Add(g2 + 8, c22);
            Add(g3, c03); Add(g3 + 4, c13); Add(g3 + 8, c23);
            return;
        }
        AddEdge(g, p, i0, j0, c00, c01, c02, c03);
        AddEdge(g, p, i0 + 4, j0, c10, c11, c12, c13);
        AddEdge(g, p, i0 + 8, j0, c20, c21, c22, c23);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile4x4(double* a, double* b, int kc, double* g, int p, int i0, int j0)
    {
        Vector256<double> c0 = Vector256<double>.Zero, c1 = c0, c2 = c0, c3 = c0;
        for (int k = 0; k < kc; k++)
        {
            long o = (long)k * 4;
            var v = Avx.LoadVector256(a + o);
            c0 = Fma.MultiplyAdd(v, Vector256.Create(b[o]), c0);
            c1 = Fma.MultiplyAdd(v, Vector256.Create(b[o + 1]), c1);
            c2 = Fma.MultiplyAdd(v, Vector256.Create(b[o + 2]), c2);
            c3 = Fma.MultiplyAdd(v, Vector256.Create(b[o + 3]), c3);
        }
        AddEdge(g, p, i0, j0, c0, c1, c2, c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Add(double* g, Vector256<double> c) => Avx.Store(g, Avx.Add(Avx.LoadVector256(g), c));

    /// <summary>Adds a 4 x 4 block (columns c0..c3, rows i0..i0+3) to G, dropping rows and columns at or past p.</summary>
    private static unsafe void AddEdge(double* g, int p, int i0, int j0, Vector256<double> c0, Vector256<double> c1, Vector256<double> c2, Vector256<double> c3)
    {
        if (i0 >= p) return;
        if (i0 + 4 <= p && j0 + 4 <= p)
        {
            double* g0 = g + (long)j0 * p + i0;
            Add(g0, c0); Add(g0 + p, c1); Add(g0 + 2 * p, c2); Add(g0 + 3 * p, c3);
            return;
        }
        int rows = Math.Min(4, p - i0), cols = Math.Min(4, p - j0);
        for (int c = 0; c < cols; c++)
        {
            var v = c switch { 0 => c0, 1 => c1, 2 => c2, _ => c3 };
            double* gc = g + (long)(j0 + c) * p + i0;
            for (int r = 0; r < rows; r++) gc[r] += v.GetElement(r);
        }
    }
}
