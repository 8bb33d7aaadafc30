using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regularization.Kernels;

/// <summary>
/// Kernels of a dense layer with PyTorch's layout (weight <c>[out, in]</c> row-major, activations <c>[batch, features]</c>
/// row-major), vectorized over the input dimension with <see cref="Vector{T}"/>; no allocation.
/// </summary>
internal static class DenseKernels
{
    /// <summary>
    /// <c>z[b, o] = bias[o] + Σ_i x[b, i] w[o, i]</c> (four outputs per pass to reuse the loads of x); an empty
    /// <paramref name="bias"/> means no bias.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> x, int batch, int inF, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, int outF, Span<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bias.IsEmpty)
        {
            for (int b = 0; b < batch; b++)
            {
                var xr = x.Slice(b * inF, inF);
                var zr = z.Slice(b * outF, outF);
                for (int o = 0; o < outF; o++) zr[o] = Dot(xr, w.Slice(o * inF, inF));
            }
            return;
        }
        for (int b = 0; b < batch; b++)
        {
            var xr = x.Slice(b * inF, inF);
            var zr = z.Slice(b * outF, outF);
            int o = 0;
            for (; o + 4 <= outF; o += 4)
            {
                Dot4(xr, w.Slice(o * inF, inF), w.Slice((o + 1) * inF, inF), w.Slice((o + 2) * inF, inF), w.Slice((o + 3) * inF, inF),
                    out var d0, out var d1, out var d2, out var d3);
                zr[o] = bias[o] + d0; zr[o + 1] = bias[o + 1] + d1; zr[o + 2] = bias[o + 2] + d2; zr[o + 3] = bias[o + 3] + d3;
            }
            for (; o < outF; o++) zr[o] = bias[o] + Dot(xr, w.Slice(o * inF, inF));
        }
    }

    /// <summary>
    /// Gradients of a dense layer from <c>dz [batch, out]</c>: <c>dw = dzᵀ x</c>, <c>db = Σ_b dz</c> (both overwritten;
    /// an empty <paramref name="db"/> means the layer has no bias) and, when <paramref name="dx"/> is not empty, <c>dx = dz w</c>.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dz, int batch, int inF, int outF, ReadOnlySpan<T> w,
        Span<T> dw, Span<T> db, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        dw.Clear(); db.Clear();
        bool hasBias = !db.IsEmpty;
        for (int b = 0; b < batch; b++)
        {
            var xr = x.Slice(b * inF, inF);
            var dzr = dz.Slice(b * outF, outF);
            for (int o = 0; o < outF; o++)
            {
                T c = dzr[o];
                if (c == T.Zero) continue;
                if (hasBias) db[o] += c;
                Axpy(c, xr, dw.Slice(o * inF, inF));
            }
        }
        if (dx.IsEmpty) return;
        dx[..(batch * inF)].Clear();
        for (int b = 0; b < batch; b++)
        {
            var dxr = dx.Slice(b * inF, inF);
            var dzr = dz.Slice(b * outF, outF);
            for (int o = 0; o < outF; o++)
            {
                T c = dzr[o];
                if (c != T.Zero) Axpy(c, w.Slice(o * inF, inF), dxr);
            }
        }
    }

    /// <summary>In place ReLU.</summary>
    public static void Relu<T>(Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var v = MemoryMarshal.Cast<T, Vector<T>>(z);
        for (int i = 0; i < v.Length; i++) v[i] = Vector.Max(v[i], Vector<T>.Zero);
        for (int i = v.Length * Vector<T>.Count; i < z.Length; i++) z[i] = T.Max(z[i], T.Zero);
    }

    /// <summary><c>g[i] = 0</c> where the ReLU output <c>a[i]</c> is 0 (backward through ReLU).</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> a, Span<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var av = MemoryMarshal.Cast<T, Vector<T>>(a);
        var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
        for (int i = 0; i < av.Length; i++) gv[i] = Vector.ConditionalSelect(Vector.GreaterThan(av[i], Vector<T>.Zero), gv[i], Vector<T>.Zero);
        for (int i = av.Length * Vector<T>.Count; i < a.Length; i++) if (!(a[i] > T.Zero)) g[i] = T.Zero;
    }

    /// <summary>
    /// Softmax cross-entropy of logits <c>z [batch, classes]</c> against labels: returns the summed loss (in double) and the
    /// number of correct argmax predictions; when <paramref name="dz"/> is not empty writes <c>(softmax − onehot) · scale</c>.
    /// </summary>
    public static (double LossSum, int Correct) SoftmaxCrossEntropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<int> y, int batch, int classes, Span<T> dz, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double loss = 0; int correct = 0;
        for (int b = 0; b < batch; b++)
        {
            var zr = z.Slice(b * classes, classes);
            int label = y[b];
            if ((uint)label >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(y), label, $"y[{b}] = {label} is not allowed: labels must lie in [0, {classes - 1}].");
            T max = zr[0]; int arg = 0;
            for (int c = 1; c < classes; c++) if (zr[c] > max) { max = zr[c]; arg = c; }
            if (arg == label) correct++;
            T sum = T.Zero;
            for (int c = 0; c < classes; c++) sum += T.Exp(zr[c] - max);
            loss += double.CreateTruncating(T.Log(sum) - (zr[label] - max));
            if (dz.IsEmpty) continue;
            var dr = dz.Slice(b * classes, classes);
            T inv = scale / sum;
            for (int c = 0; c < classes; c++) dr[c] = T.Exp(zr[c] - max) * inv;
            dr[label] -= scale;
        }
        return (loss, correct);
    }

    /// <summary><c>Σ a[i] b[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var av = MemoryMarshal.Cast<T, Vector<T>>(a);
        var bv = MemoryMarshal.Cast<T, Vector<T>>(b);
        var acc = Vector<T>.Zero;
        for (int i = 0; i < av.Length; i++) acc += av[i] * bv[i];
        T s = Vector.Sum(acc);
        for (int i = av.Length * Vector<T>.Count; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static void Dot4<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w0, ReadOnlySpan<T> w1, ReadOnlySpan<T> w2, ReadOnlySpan<T> w3,
        out T d0, out T d1, out T d2, out T d3) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
        var v0 = MemoryMarshal.Cast<T, Vector<T>>(w0); var v1 = MemoryMarshal.Cast<T, Vector<T>>(w1);
        var v2 = MemoryMarshal.Cast<T, Vector<T>>(w2); var v3 = MemoryMarshal.Cast<T, Vector<T>>(w3);
        Vector<T> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int i = 0; i < xv.Length; i++)
        {
            var xi = xv[i];
            a0 += xi * v0[i]; a1 += xi * v1[i]; a2 += xi * v2[i]; a3 += xi * v3[i];
        }
        d0 = Vector.Sum(a0); d1 = Vector.Sum(a1); d2 = Vector.Sum(a2); d3 = Vector.Sum(a3);
        for (int i = xv.Length * Vector<T>.Count; i < x.Length; i++)
        {
            d0 += x[i] * w0[i]; d1 += x[i] * w1[i]; d2 += x[i] * w2[i]; d3 += x[i] * w3[i];
        }
    }

    /// <summary><c>y += a x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy<T>(T a, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
        var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
        var av = new Vector<T>(a);
        for (int i = 0; i < xv.Length; i++) yv[i] += av * xv[i];
        for (int i = xv.Length * Vector<T>.Count; i < x.Length; i++) y[i] += a * x[i];
    }
}
