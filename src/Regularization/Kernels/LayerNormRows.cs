using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regularization.Kernels;

/// <summary>
/// <see cref="LayerNormKernels"/> for float, bit-identical to it and faster: its per-row sums run in the same order, one
/// element after another, but four rows at a time (four independent addition chains instead of one latency-bound chain), and
/// its elementwise steps run on <see cref="Vector{T}"/> with the same operations in the same order.
/// </summary>
internal static class LayerNormRows
{
    /// <summary>As <see cref="LayerNormKernels.Forward{T}"/> with the output written over the input <paramref name="x"/> (in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(Span<float> x, int batch, int f, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps, Span<float> xhat, Span<float> rstd)
    {
        float n = f;
        int b = 0;
        for (; b + 4 <= batch; b += 4)
        {
            var x0 = x.Slice(b * f, f); var x1 = x.Slice((b + 1) * f, f); var x2 = x.Slice((b + 2) * f, f); var x3 = x.Slice((b + 3) * f, f);
            float m0 = 0, m1 = 0, m2 = 0, m3 = 0;
            for (int i = 0; i < f; i++) { m0 += x0[i]; m1 += x1[i]; m2 += x2[i]; m3 += x3[i]; }
            m0 /= n; m1 /= n; m2 /= n; m3 /= n;
            float v0 = 0, v1 = 0, v2 = 0, v3 = 0;
            for (int i = 0; i < f; i++)
            {
                float d0 = x0[i] - m0, d1 = x1[i] - m1, d2 = x2[i] - m2, d3 = x3[i] - m3;
                v0 += d0 * d0; v1 += d1 * d1; v2 += d2 * d2; v3 += d3 * d3;
            }
            Finish(x0, xhat.Slice(b * f, f), gamma, beta, m0, rstd[b] = 1f / MathF.Sqrt(v0 / n + eps));
            Finish(x1, xhat.Slice((b + 1) * f, f), gamma, beta, m1, rstd[b + 1] = 1f / MathF.Sqrt(v1 / n + eps));
            Finish(x2, xhat.Slice((b + 2) * f, f), gamma, beta, m2, rstd[b + 2] = 1f / MathF.Sqrt(v2 / n + eps));
            Finish(x3, xhat.Slice((b + 3) * f, f), gamma, beta, m3, rstd[b + 3] = 1f / MathF.Sqrt(v3 / n + eps));
        }
        if (b < batch)
            LayerNormKernels.Forward<float>(x.Slice(b * f), batch - b, f, gamma, beta, eps, xhat.Slice(b * f), rstd.Slice(b), x.Slice(b * f));
    }

    // h = (x − mean) r, y = γ h + β, elementwise
    private static void Finish(Span<float> xr, Span<float> hr, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float mean, float r)
    {
        var xv = MemoryMarshal.Cast<float, Vector<float>>(xr);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(hr);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(gamma);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(beta);
        var mv = new Vector<float>(mean);
        var rv = new Vector<float>(r);
        for (int i = 0; i < xv.Length; i++)
        {
            var h = (xv[i] - mv) * rv;
            hv[i] = h;
            xv[i] = gv[i] * h + bv[i];
        }
        for (int i = xv.Length * Vector<float>.Count; i < xr.Length; i++)
        {
            float h = (xr[i] - mean) * r;
            hr[i] = h;
            xr[i] = gamma[i] * h + beta[i];
        }
    }

    /// <summary>As <see cref="LayerNormKernels.Backward{T}"/> with <paramref name="dy"/> overwritten by the input gradient (in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(Span<float> dy, ReadOnlySpan<float> xhat, ReadOnlySpan<float> rstd, int batch, int f, ReadOnlySpan<float> gamma,
        Span<float> dgamma, Span<float> dbeta)
    {
        dgamma[..f].Clear(); dbeta[..f].Clear();
        float n = f;
        var dgv = MemoryMarshal.Cast<float, Vector<float>>(dgamma[..f]);
        var dbv = MemoryMarshal.Cast<float, Vector<float>>(dbeta[..f]);
        int vec = dgv.Length * Vector<float>.Count;
        int b = 0;
        for (; b + 4 <= batch; b += 4)
        {
            var d0 = dy.Slice(b * f, f); var d1 = dy.Slice((b + 1) * f, f); var d2 = dy.Slice((b + 2) * f, f); var d3 = dy.Slice((b + 3) * f, f);
            var h0 = xhat.Slice(b * f, f); var h1 = xhat.Slice((b + 1) * f, f); var h2 = xhat.Slice((b + 2) * f, f); var h3 = xhat.Slice((b + 3) * f, f);
            // dγ += dy ⊙ x̂ and dβ += dy, row after row (elementwise over the features)
            Accumulate(dgv, dbv, d0, h0); Accumulate(dgv, dbv, d1, h1); Accumulate(dgv, dbv, d2, h2); Accumulate(dgv, dbv, d3, h3);
            for (int i = vec; i < f; i++)
            {
                dgamma[i] += d0[i] * h0[i]; dbeta[i] += d0[i];
                dgamma[i] += d1[i] * h1[i]; dbeta[i] += d1[i];
                dgamma[i] += d2[i] * h2[i]; dbeta[i] += d2[i];
                dgamma[i] += d3[i] * h3[i]; dbeta[i] += d3[i];
            }
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            for (int i = 0; i < f; i++)
            {
                float g0 = gamma[i] * d0[i], g1 = gamma[i] * d1[i], g2 = gamma[i] * d2[i], g3 = gamma[i] * d3[i];
                s0 += g0; s1 += g1; s2 += g2; s3 += g3;
                t0 += g0 * h0[i]; t1 += g1 * h1[i]; t2 += g2 * h2[i]; t3 += g3 * h3[i];
            }
            Input(d0, h0, gamma, s0 / n, t0 / n, rstd[b]);
            Input(d1, h1, gamma, s1 / n, t1 / n, rstd[b + 1]);
            Input(d2, h2, gamma, s2 / n, t2 / n, rstd[b + 2]);
            Input(d3, h3, gamma, s3 / n, t3 / n, rstd[b + 3]);
        }
        for (; b < batch; b++)
        {
            var dr = dy.Slice(b * f, f);
            var hr = xhat.Slice(b * f, f);
            float sg = 0, sgh = 0;
            for (int i = 0; i < f; i++)
            {
                float d = dr[i], h = hr[i];
                dgamma[i] += d * h;
                dbeta[i] += d;
                float g = gamma[i] * d;
                sg += g; sgh += g * h;
            }
            Input(dr, hr, gamma, sg / n, sgh / n, rstd[b]);
        }
    }

    private static void Accumulate(Span<Vector<float>> dgv, Span<Vector<float>> dbv, ReadOnlySpan<float> d, ReadOnlySpan<float> h)
    {
        var dv = MemoryMarshal.Cast<float, Vector<float>>(d);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(h);
        for (int i = 0; i < dgv.Length; i++) { dgv[i] += dv[i] * hv[i]; dbv[i] += dv[i]; }
    }

    // dx = rstd (γ dy − mean(g) − x̂ mean(g x̂)), elementwise, in place
    private static void Input(Span<float> dr, ReadOnlySpan<float> hr, ReadOnlySpan<float> gamma, float mg, float mgh, float r)
    {
        var dv = MemoryMarshal.Cast<float, Vector<float>>(dr);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(hr);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(gamma[..dr.Length]);
        var mgv = new Vector<float>(mg); var mghv = new Vector<float>(mgh); var rv = new Vector<float>(r);
        for (int i = 0; i < dv.Length; i++) dv[i] = rv * (gv[i] * dv[i] - mgv - hv[i] * mghv);
        for (int i = dv.Length * Vector<float>.Count; i < dr.Length; i++) dr[i] = r * (gamma[i] * dr[i] - mg - hr[i] * mgh);
    }
}
