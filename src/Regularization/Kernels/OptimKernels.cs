using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Regularization.Kernels;

/// <summary>
/// Span-in, span-out kernels of the optimizer transformations (single pass, <see cref="Vector{T}"/>-vectorized,
/// allocation-free). <c>u</c> is the update buffer (in gradient direction, so the optimizer applies <c>p -= u</c>);
/// the state spans are updated in place. All spans of one call have the same length (checked by the callers).
/// </summary>
internal static class OptimKernels
{
    private static Span<Vector<T>> V<T>(Span<T> s) where T : struct => MemoryMarshal.Cast<T, Vector<T>>(s);
    private static ReadOnlySpan<Vector<T>> V<T>(ReadOnlySpan<T> s) where T : struct => MemoryMarshal.Cast<T, Vector<T>>(s);

    /// <summary><c>u[i] += c * p[i]</c> (weight decay added to the update).</summary>
    public static void AddScaled<T>(Span<T> u, ReadOnlySpan<T> p, T c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var uv = V(u); var pv = V(p); var cv = new Vector<T>(c);
        for (int i = 0; i < uv.Length; i++) uv[i] += cv * pv[i];
        for (int i = uv.Length * Vector<T>.Count; i < u.Length; i++) u[i] += c * p[i];
    }

    /// <summary><c>u[i] *= c</c>.</summary>
    public static void Scale<T>(Span<T> u, T c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var uv = V(u); var cv = new Vector<T>(c);
        for (int i = 0; i < uv.Length; i++) uv[i] *= cv;
        for (int i = uv.Length * Vector<T>.Count; i < u.Length; i++) u[i] *= c;
    }

    /// <summary><c>u[i] += c * sign(p[i])</c> with sign(0) = 0 (the L1 subgradient step).</summary>
    public static void AddSign<T>(Span<T> u, ReadOnlySpan<T> p, T c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var uv = V(u); var pv = V(p); var cv = new Vector<T>(c); var zero = Vector<T>.Zero;
        for (int i = 0; i < uv.Length; i++)
        {
            var pos = Vector.ConditionalSelect(Vector.GreaterThan(pv[i], zero), cv, zero);
            var neg = Vector.ConditionalSelect(Vector.LessThan(pv[i], zero), cv, zero);
            uv[i] += pos - neg;
        }
        for (int i = uv.Length * Vector<T>.Count; i < u.Length; i++)
            u[i] += p[i] > T.Zero ? c : p[i] < T.Zero ? -c : T.Zero;
    }

    /// <summary>
    /// PyTorch's momentum buffer: <c>buf = u</c> on the first step, else <c>buf = mu buf + (1 - dampening) u</c>;
    /// then <c>u = u + mu buf</c> (Nesterov) or <c>u = buf</c>.
    /// </summary>
    public static void Trace<T>(Span<T> u, Span<T> buf, T mu, T oneMinusDampening, bool nesterov, bool first)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var uv = V(u); var bv = V(buf);
        var muv = new Vector<T>(mu); var dv = new Vector<T>(oneMinusDampening);
        int tail = uv.Length * Vector<T>.Count;
        if (first)
        {
            u.CopyTo(buf);
            if (nesterov)
            {
                for (int i = 0; i < uv.Length; i++) uv[i] += muv * bv[i];
                for (int i = tail; i < u.Length; i++) u[i] += mu * buf[i];
            }
            return;
        }
        if (nesterov)
        {
            for (int i = 0; i < uv.Length; i++) { var b = muv * bv[i] + dv * uv[i]; bv[i] = b; uv[i] += muv * b; }
            for (int i = tail; i < u.Length; i++) { var b = mu * buf[i] + oneMinusDampening * u[i]; buf[i] = b; u[i] += mu * b; }
        }
        else
        {
            for (int i = 0; i < uv.Length; i++) { var b = muv * bv[i] + dv * uv[i]; bv[i] = b; uv[i] = b; }
            for (int i = tail; i < u.Length; i++) { var b = mu * buf[i] + oneMinusDampening * u[i]; buf[i] = b; u[i] = b; }
        }
    }

    /// <summary>
    /// Adam moments and direction, PyTorch's arithmetic: <c>m = b1 m + (1-b1) u; v = b2 v + (1-b2) u²</c>;
    /// <c>vmax = max(vmax, v)</c> when <paramref name="vmax"/> is non-empty (AMSGrad);
    /// <c>u = (m / bc1) / (sqrt(v̂) / sqrtBc2 + eps)</c>, computed with the reciprocals of the two bias corrections (one division
    /// per entry; within a few ulps of PyTorch's order of operations).
    /// </summary>
    public static void Adam<T>(Span<T> u, Span<T> m, Span<T> v, Span<T> vmax, T b1, T b2, T bc1, T sqrtBc2, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T ob1 = T.One - b1, ob2 = T.One - b2;
        var uv = V(u); var mv = V(m); var vv = V(v);
        var b1v = new Vector<T>(b1); var b2v = new Vector<T>(b2); var ob1v = new Vector<T>(ob1); var ob2v = new Vector<T>(ob2);
        T ibc1 = T.One / bc1, isbc2 = T.One / sqrtBc2;
        var bc1v = new Vector<T>(ibc1); var sbc2v = new Vector<T>(isbc2); var epsv = new Vector<T>(eps);
        int tail = uv.Length * Vector<T>.Count;
        bool ams = !vmax.IsEmpty;
        if (!ams)
        {
            for (int i = 0; i < uv.Length; i++)
            {
                var g = uv[i];
                var mm = mv[i] * b1v + g * ob1v;
                var v2 = vv[i] * b2v + ob2v * (g * g);
                mv[i] = mm; vv[i] = v2;
                uv[i] = mm * bc1v / (Vector.SquareRoot(v2) * sbc2v + epsv);
            }
            for (int i = tail; i < u.Length; i++)
            {
                T g = u[i];
                T mm = m[i] * b1 + g * ob1;
                T v2 = v[i] * b2 + ob2 * (g * g);
                m[i] = mm; v[i] = v2;
                u[i] = mm * ibc1 / (T.Sqrt(v2) * isbc2 + eps);
            }
        }
        else
        {
            var xv = V(vmax);
            for (int i = 0; i < uv.Length; i++)
            {
                var g = uv[i];
                var mm = mv[i] * b1v + g * ob1v;
                var v2 = vv[i] * b2v + ob2v * (g * g);
                var mx = Vector.Max(xv[i], v2);
                mv[i] = mm; vv[i] = v2; xv[i] = mx;
                uv[i] = mm * bc1v / (Vector.SquareRoot(mx) * sbc2v + epsv);
            }
            for (int i = tail; i < u.Length; i++)
            {
                T g = u[i];
                T mm = m[i] * b1 + g * ob1;
                T v2 = v[i] * b2 + ob2 * (g * g);
                T mx = T.Max(vmax[i], v2);
                m[i] = mm; v[i] = v2; vmax[i] = mx;
                u[i] = mm * ibc1 / (T.Sqrt(mx) * isbc2 + eps);
            }
        }
    }

    /// <summary><c>p[i] -= u[i]</c>, then <c>p[i] *= mask[i]</c> when a mask is given (pruned entries stay zero).</summary>
    public static void ApplyDescent<T>(Span<T> p, ReadOnlySpan<T> u, ReadOnlySpan<T> mask) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pv = V(p); var uv = V(u);
        int tail = pv.Length * Vector<T>.Count;
        if (mask.IsEmpty)
        {
            for (int i = 0; i < pv.Length; i++) pv[i] -= uv[i];
            for (int i = tail; i < p.Length; i++) p[i] -= u[i];
        }
        else
        {
            var kv = V(mask);
            for (int i = 0; i < pv.Length; i++) pv[i] = (pv[i] - uv[i]) * kv[i];
            for (int i = tail; i < p.Length; i++) p[i] = (p[i] - u[i]) * mask[i];
        }
    }

    /// <summary>Index of the first entry that is NaN or infinite, or -1. Fast path: a vectorized sum of x·0 (NaN iff some entry is not finite).</summary>
    public static int FirstNonFinite<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xv = V(x); var acc = Vector<T>.Zero;
        for (int i = 0; i < xv.Length; i++) acc += xv[i] * Vector<T>.Zero;
        T s = Vector.Sum(acc);
        for (int i = xv.Length * Vector<T>.Count; i < x.Length; i++) s += x[i] * T.Zero;
        if (s == T.Zero) return -1;
        for (int i = 0; i < x.Length; i++) if (!T.IsFinite(x[i])) return i;
        return -1;
    }

    /// <summary>Number of entries equal to zero (either sign).</summary>
    public static long CountZeros<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xv = V(x);
        long n = 0;
        // Vector.Equals yields all-ones lanes (-1 as an integer of the same width); accumulate per block to avoid overflow.
        for (int start = 0; start < xv.Length; start += 1 << 16)
        {
            int end = Math.Min(xv.Length, start + (1 << 16));
            var acc = Vector<T>.Zero;
            for (int i = start; i < end; i++)
                acc += Vector.ConditionalSelect(Vector.Equals(xv[i], Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero);
            n += long.CreateTruncating(Vector.Sum(acc));
        }
        for (int i = xv.Length * Vector<T>.Count; i < x.Length; i++) if (x[i] == T.Zero) n++;
        return n;
    }

    /// <summary>
    /// Fused SGD step, one pass: <c>d = g + wd p</c>; with momentum <c>buf = d</c> (first step) or <c>mu buf + (1 − dampening) d</c>,
    /// then <c>d = d + mu buf</c> (Nesterov) or <c>buf</c>; finally <c>p −= lr d</c>. Same operations, in the same order, as the
    /// chain <c>add_decayed_weights → trace → scale_by_learning_rate</c>. An empty <paramref name="buf"/> means no momentum.
    /// </summary>
    public static void SgdStep<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buf, T wd, T mu, T oneMinusDampening, bool nesterov, bool first, T lr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pv = V(p); var gv = V(g);
        var wdv = new Vector<T>(wd); var muv = new Vector<T>(mu); var dv = new Vector<T>(oneMinusDampening); var lrv = new Vector<T>(lr);
        int tail = pv.Length * Vector<T>.Count;
        bool mom = !buf.IsEmpty;
        if (!mom)
        {
            for (int i = 0; i < pv.Length; i++) { var pp = pv[i]; var d = gv[i] + wdv * pp; pv[i] = pp - d * lrv; }
            for (int i = tail; i < p.Length; i++) { T pp = p[i]; T d = g[i] + wd * pp; p[i] = pp - d * lr; }
            return;
        }
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && Vector<T>.Count < Vector512<T>.Count)
        {
            var p5 = MemoryMarshal.Cast<T, Vector512<T>>(p); var g5 = MemoryMarshal.Cast<T, Vector512<T>>(g);
            var b5 = MemoryMarshal.Cast<T, Vector512<T>>(buf);
            var wd5 = Vector512.Create(wd); var mu5 = Vector512.Create(mu); var d5 = Vector512.Create(oneMinusDampening); var lr5 = Vector512.Create(lr);
            for (int i = 0; i < p5.Length; i++)
            {
                var pp = p5[i];
                var d = g5[i] + wd5 * pp;
                var b = first ? d : mu5 * b5[i] + d5 * d;
                b5[i] = b;
                var u = nesterov ? d + mu5 * b : b;
                p5[i] = pp - u * lr5;
            }
            tail = p5.Length * Vector512<T>.Count;
        }
        else
        {
        var bv = V(buf);
        for (int i = 0; i < pv.Length; i++)
        {
            var pp = pv[i];
            var d = gv[i] + wdv * pp;
            var b = first ? d : muv * bv[i] + dv * d;
            bv[i] = b;
            var u = nesterov ? d + muv * b : b;
            pv[i] = pp - u * lrv;
        }
        }
        for (int i = tail; i < p.Length; i++)
        {
            T pp = p[i];
            T d = g[i] + wd * pp;
            T b = first ? d : mu * buf[i] + oneMinusDampening * d;
            buf[i] = b;
            T u = nesterov ? d + mu * b : b;
            p[i] = pp - u * lr;
        }
    }

    /// <summary>
    /// Fused Adam / AdamW step, one pass over p, g, m, v (and vmax): <c>d = g + wdCoupled p</c>; moments as in
    /// <see cref="Adam{T}"/>; <c>u = adam + wdDecoupled p</c>; <c>p −= lr u</c>. Same operations, in the same order, as the chains
    /// <c>add_decayed_weights → scale_by_adam → scale_by_learning_rate</c> (Adam+L2) and
    /// <c>scale_by_adam → add_decayed_weights → scale_by_learning_rate</c> (AdamW).
    /// </summary>
    public static void AdamStep<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vmax, T wdCoupled, T wdDecoupled,
        T b1, T b2, T bc1, T sqrtBc2, T eps, T lr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T ob1 = T.One - b1, ob2 = T.One - b2;
        var pv = V(p); var gv = V(g); var mv = V(m); var vv = V(v);
        var wcv = new Vector<T>(wdCoupled); var wdv = new Vector<T>(wdDecoupled);
        var b1v = new Vector<T>(b1); var b2v = new Vector<T>(b2); var ob1v = new Vector<T>(ob1); var ob2v = new Vector<T>(ob2);
        T ibc1 = T.One / bc1, isbc2 = T.One / sqrtBc2;
        var bc1v = new Vector<T>(ibc1); var sbc2v = new Vector<T>(isbc2); var epsv = new Vector<T>(eps); var lrv = new Vector<T>(lr);
        int tail = pv.Length * Vector<T>.Count;
        bool ams = !vmax.IsEmpty;
        var xv = ams ? V(vmax) : default;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && Vector<T>.Count < Vector512<T>.Count)
        {
            tail = AdamStep512(p, g, m, v, vmax, wdCoupled, wdDecoupled, b1, b2, ob1, ob2, ibc1, isbc2, eps, lr);
            xv = default; pv = default;
        }
        for (int i = 0; i < pv.Length; i++)
        {
            var pp = pv[i];
            var d = gv[i] + wcv * pp;
            var mm = mv[i] * b1v + d * ob1v;
            var v2 = vv[i] * b2v + ob2v * (d * d);
            mv[i] = mm; vv[i] = v2;
            if (ams) { v2 = Vector.Max(xv[i], v2); xv[i] = v2; }
            var u = mm * bc1v / (Vector.SquareRoot(v2) * sbc2v + epsv);
            u += wdv * pp;
            pv[i] = pp - u * lrv;
        }
        for (int i = tail; i < p.Length; i++)
        {
            T pp = p[i];
            T d = g[i] + wdCoupled * pp;
            T mm = m[i] * b1 + d * ob1;
            T v2 = v[i] * b2 + ob2 * (d * d);
            m[i] = mm; v[i] = v2;
            if (ams) { v2 = T.Max(vmax[i], v2); vmax[i] = v2; }
            T u = mm * ibc1 / (T.Sqrt(v2) * isbc2 + eps);
            u += wdDecoupled * pp;
            p[i] = pp - u * lr;
        }
    }

    private static int AdamStep512<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vmax, T wdCoupled, T wdDecoupled,
        T b1, T b2, T ob1, T ob2, T ibc1, T isbc2, T eps, T lr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count, nv = p.Length / w;
        ref T pr = ref MemoryMarshal.GetReference(p); ref T gr = ref MemoryMarshal.GetReference(g);
        ref T mr = ref MemoryMarshal.GetReference(m); ref T vr = ref MemoryMarshal.GetReference(v);
        ref T xr = ref MemoryMarshal.GetReference(vmax);
        bool ams = !vmax.IsEmpty;
        if (g.Length < p.Length || m.Length < p.Length || v.Length < p.Length || (ams && vmax.Length < p.Length))
            throw new ArgumentException($"every span must have the length of p ({p.Length}).", nameof(p));
        var wcv = Vector512.Create(wdCoupled); var wdv = Vector512.Create(wdDecoupled);
        var b1v = Vector512.Create(b1); var b2v = Vector512.Create(b2); var ob1v = Vector512.Create(ob1); var ob2v = Vector512.Create(ob2);
        var bc1v = Vector512.Create(ibc1); var sbc2v = Vector512.Create(isbc2); var epsv = Vector512.Create(eps); var lrv = Vector512.Create(lr);
        for (int k = 0; k < nv; k++)
        {
            nuint i = (nuint)(k * w);
            var pp = Vector512.LoadUnsafe(ref pr, i);
            var d = Vector512.LoadUnsafe(ref gr, i) + wcv * pp;
            var mm = Vector512.LoadUnsafe(ref mr, i) * b1v + d * ob1v;
            var v2 = Vector512.LoadUnsafe(ref vr, i) * b2v + ob2v * (d * d);
            mm.StoreUnsafe(ref mr, i); v2.StoreUnsafe(ref vr, i);
            if (ams) { v2 = Vector512.Max(Vector512.LoadUnsafe(ref xr, i), v2); v2.StoreUnsafe(ref xr, i); }
            var u = mm * bc1v / (Vector512.Sqrt(v2) * sbc2v + epsv);
            u += wdv * pp;
            (pp - u * lrv).StoreUnsafe(ref pr, i);
        }
        return nv * w;
    }
}
