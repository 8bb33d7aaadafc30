using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regularization.Kernels;

/// <summary>
/// Span-in, span-out kernels for logistic regression on column-major designs: the coordinate-descent pair
/// (a column dot product fused with the weighted sum of squares that is the Hessian diagonal, and the residual update
/// <c>r -= delta h x_j</c>), matrix-vector products <c>X w</c> and <c>X^T r</c> over column spans, the weighted Gram
/// matrix <c>X^T diag(h) X</c> for Newton's method, and numerically stable sigmoid / log-loss.
/// No kernel allocates; destinations are explicit. Scalar reference versions live in the tests.
/// </summary>
public static partial class LogisticKernels
{
    /// <summary>Stable <c>log(1 + exp(z))</c> (softplus): <c>max(z, 0) + log(1 + exp(-|z|))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double z)
    {
        double a = Math.Abs(z);
        double t = Math.Exp(-a);
        // log1p(t) without cancellation for tiny t.
        double l = t < 1e-8 ? t * (1 - 0.5 * t) : Math.Log(1 + t);
        return Math.Max(z, 0) + l;
    }

    /// <summary>Stable logistic sigmoid <c>1 / (1 + exp(-z))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z)
    {
        if (z >= 0) return 1.0 / (1.0 + Math.Exp(-z));
        double e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary><c>p[i] = sigmoid(eta[i])</c>.</summary>
    public static void Sigmoid(ReadOnlySpan<double> eta, Span<double> p)
    {
        CheckDest(p, eta.Length, nameof(p));
        for (int i = 0; i < eta.Length; i++) p[i] = Sigmoid(eta[i]);
    }

    /// <summary>
    /// Weighted binary log-loss <c>sum_i u[i] (log(1 + exp(eta[i])) - y[i] eta[i])</c> with labels <c>y</c> in {0, 1}.
    /// </summary>
    public static double LogLoss(ReadOnlySpan<double> eta, ReadOnlySpan<double> y, ReadOnlySpan<double> u)
    {
        CheckIn(y, eta.Length, nameof(y));
        CheckIn(u, eta.Length, nameof(u));
        double s = 0;
        for (int i = 0; i < eta.Length; i++)
        {
            if (u[i] == 0) continue;
            s += u[i] * (Softplus(eta[i]) - y[i] * eta[i]);
        }
        return s;
    }

    /// <summary>
    /// Weighted binary log-loss as <see cref="LogLoss(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>, vectorized:
    /// <c>log(1 + exp(-|eta|))</c> is computed with <see cref="TensorPrimitives"/> into <paramref name="scratch"/> (length n).
    /// </summary>
    public static double LogLoss(ReadOnlySpan<double> eta, ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> scratch)
    {
        int n = eta.Length;
        CheckIn(y, n, nameof(y));
        CheckIn(u, n, nameof(u));
        CheckDest(scratch, n, nameof(scratch));
        var t = scratch[..n];
        TensorPrimitives.Abs(eta, t);
        TensorPrimitives.Negate(t, t);
        TensorPrimitives.Exp(t, t);
        TensorPrimitives.LogP1(t, t);
        double s = TensorPrimitives.Dot(u[..n], t);
        for (int i = 0; i < n; i++)
        {
            double z = eta[i];
            s += u[i] * ((z > 0 ? z : 0) - y[i] * z);
        }
        return s;
    }

    /// <summary>
    /// Fills the IRLS quantities at <c>eta</c>: <c>p = sigmoid(eta)</c>, Hessian weights <c>h = u p (1 - p)</c> and the
    /// negative loss gradient with respect to eta, <c>r = u (y - p)</c> (vectorized with <see cref="TensorPrimitives"/>).
    /// </summary>
    public static void IrlsWeights(ReadOnlySpan<double> eta, ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> h, Span<double> r)
    {
        int n = eta.Length;
        CheckIn(y, n, nameof(y));
        CheckIn(u, n, nameof(u));
        CheckDest(h, n, nameof(h));
        CheckDest(r, n, nameof(r));
        var hh = h[..n];
        var rr = r[..n];
        TensorPrimitives.Sigmoid(eta, rr);          // r = p
        TensorPrimitives.Subtract(1.0, rr, hh);     // h = 1 - p
        TensorPrimitives.Multiply(hh, rr, hh);      // h = p (1 - p)
        TensorPrimitives.Multiply(hh, u[..n], hh);  // h = u p (1 - p)
        TensorPrimitives.Subtract(y[..n], rr, rr);  // r = y - p
        TensorPrimitives.Multiply(rr, u[..n], rr);  // r = u (y - p)
    }

    /// <summary>
    /// One pass over column <c>x</c> returning <c>dot = sum x[i] r[i]</c> and <c>hss = sum h[i] x[i]^2</c>
    /// (the coordinate's gradient and Hessian diagonal in proximal Newton / IRLS coordinate descent).
    /// </summary>
    public static void DotAndWeightedSquares(ReadOnlySpan<double> x, ReadOnlySpan<double> r, ReadOnlySpan<double> h, out double dot, out double hss)
    {
        int n = x.Length;
        if (r.Length < n || h.Length < n) throw new ArgumentException($"r ({r.Length}) and h ({h.Length}) must be at least as long as x ({n}).");
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double rr = ref MemoryMarshal.GetReference(r);
        ref double hr = ref MemoryMarshal.GetReference(h);
        int i = 0;
        double d = 0, q = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            int w = Vector<double>.Count;
            Vector<double> d0 = Vector<double>.Zero, d1 = Vector<double>.Zero, q0 = Vector<double>.Zero, q1 = Vector<double>.Zero;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                var xa = Vector.LoadUnsafe(ref xr, (nuint)i);
                var xb = Vector.LoadUnsafe(ref xr, (nuint)(i + w));
                d0 += xa * Vector.LoadUnsafe(ref rr, (nuint)i);
                d1 += xb * Vector.LoadUnsafe(ref rr, (nuint)(i + w));
                q0 += xa * xa * Vector.LoadUnsafe(ref hr, (nuint)i);
                q1 += xb * xb * Vector.LoadUnsafe(ref hr, (nuint)(i + w));
            }
            d = Vector.Sum(d0 + d1);
            q = Vector.Sum(q0 + q1);
        }
        for (; i < n; i++)
        {
            double xi = Unsafe.Add(ref xr, i);
            d += xi * Unsafe.Add(ref rr, i);
            q += xi * xi * Unsafe.Add(ref hr, i);
        }
        dot = d;
        hss = q;
    }

    /// <summary>
    /// <c>sum_i x[i] (r[i] - w[i] (e[i] - s[i]))</c>: the multinomial coordinate gradient with the residual kept implicitly
    /// (class residual r, weights w = u p_k, the class's change of scores e and the probability-weighted change s), one pass.
    /// </summary>
    public static double ImplicitResidualDot(ReadOnlySpan<double> x, ReadOnlySpan<double> r, ReadOnlySpan<double> w, ReadOnlySpan<double> e, ReadOnlySpan<double> s)
    {
        int n = x.Length;
        if (r.Length < n || w.Length < n || e.Length < n || s.Length < n) throw new ArgumentException($"r, w, e and s must be at least as long as x ({n}).");
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double rr = ref MemoryMarshal.GetReference(r);
        ref double wr = ref MemoryMarshal.GetReference(w);
        ref double er = ref MemoryMarshal.GetReference(e);
        ref double sr = ref MemoryMarshal.GetReference(s);
        int i = 0;
        double acc = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int vw = Vector<double>.Count;
            Vector<double> a = Vector<double>.Zero;
            for (; i <= n - vw; i += vw)
            {
                var res = Vector.LoadUnsafe(ref rr, (nuint)i) - Vector.LoadUnsafe(ref wr, (nuint)i) * (Vector.LoadUnsafe(ref er, (nuint)i) - Vector.LoadUnsafe(ref sr, (nuint)i));
                a += Vector.LoadUnsafe(ref xr, (nuint)i) * res;
            }
            acc = Vector.Sum(a);
        }
        for (; i < n; i++)
            acc += Unsafe.Add(ref xr, i) * (Unsafe.Add(ref rr, i) - Unsafe.Add(ref wr, i) * (Unsafe.Add(ref er, i) - Unsafe.Add(ref sr, i)));
        return acc;
    }

    /// <summary><c>r[i] -= delta h[i] x[i]</c>: the residual update after coordinate j moved by <c>delta</c>.</summary>
    public static void SubtractScaledProduct(Span<double> r, double delta, ReadOnlySpan<double> h, ReadOnlySpan<double> x)
    {
        int n = x.Length;
        if (r.Length < n || h.Length < n) throw new ArgumentException($"r ({r.Length}) and h ({h.Length}) must be at least as long as x ({n}).");
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double rr = ref MemoryMarshal.GetReference(r);
        ref double hr = ref MemoryMarshal.GetReference(h);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var dv = new Vector<double>(delta);
            for (; i <= n - w; i += w)
            {
                var v = Vector.LoadUnsafe(ref rr, (nuint)i) - dv * Vector.LoadUnsafe(ref hr, (nuint)i) * Vector.LoadUnsafe(ref xr, (nuint)i);
                v.StoreUnsafe(ref rr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref rr, i) -= delta * Unsafe.Add(ref hr, i) * Unsafe.Add(ref xr, i);
    }

    /// <summary>
    /// <c>r[i] -= delta h[i] x[i]</c> fused with the next coordinate's dot product: returns <c>sum_i next[i] r[i]</c> over the updated
    /// <c>r</c>, in one pass (r is read once instead of twice).
    /// </summary>
    public static double SubtractScaledProductThenDot(Span<double> r, double delta, ReadOnlySpan<double> h, ReadOnlySpan<double> x, ReadOnlySpan<double> next)
    {
        int n = x.Length;
        if (r.Length < n || h.Length < n || next.Length < n) throw new ArgumentException($"r ({r.Length}), h ({h.Length}) and next ({next.Length}) must be at least as long as x ({n}).");
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double rr = ref MemoryMarshal.GetReference(r);
        ref double hr = ref MemoryMarshal.GetReference(h);
        ref double nr = ref MemoryMarshal.GetReference(next);
        int i = 0;
        double acc = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            var dv = new Vector<double>(delta);
            Vector<double> a = Vector<double>.Zero;
            for (; i <= n - w; i += w)
            {
                var v = Vector.LoadUnsafe(ref rr, (nuint)i) - dv * Vector.LoadUnsafe(ref hr, (nuint)i) * Vector.LoadUnsafe(ref xr, (nuint)i);
                v.StoreUnsafe(ref rr, (nuint)i);
                a += v * Vector.LoadUnsafe(ref nr, (nuint)i);
            }
            acc = Vector.Sum(a);
        }
        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref rr, i) - delta * Unsafe.Add(ref hr, i) * Unsafe.Add(ref xr, i);
            Unsafe.Add(ref rr, i) = v;
            acc += v * Unsafe.Add(ref nr, i);
        }
        return acc;
    }

    /// <summary>
    /// <c>dest = X w</c> (plus <paramref name="offset"/>) for a column-major <c>X</c> (n rows, w.Length columns).
    /// Zero coefficients are skipped, so sparse <c>w</c> costs only its support.
    /// </summary>
    public static void MultiplyColumns(ReadOnlySpan<double> columnMajor, int rows, ReadOnlySpan<double> w, double offset, Span<double> dest)
    {
        CheckDest(dest, rows, nameof(dest));
        if (columnMajor.Length < rows * w.Length) throw new ArgumentException($"columnMajor has {columnMajor.Length} entries, fewer than rows*w.Length = {rows * w.Length}.", nameof(columnMajor));
        var d = dest[..rows];
        d.Fill(offset);
        for (int j = 0; j < w.Length; j++)
        {
            if (w[j] == 0) continue;
            TensorPrimitives.MultiplyAdd(columnMajor.Slice(j * rows, rows), w[j], d, d);
        }
    }

    /// <summary>
    /// Rows <c>[r0, r0 + dest.Length)</c> of <c>X w + offset</c> for a column-major <c>X</c> with <paramref name="rows"/> rows:
    /// a row block of the matrix-vector product, four columns per pass over <paramref name="dest"/>.
    /// </summary>
    public static void MultiplyColumnsBlock(ReadOnlySpan<double> columnMajor, int rows, int r0, ReadOnlySpan<double> w, double offset, Span<double> dest)
    {
        int m = dest.Length, p = w.Length;
        if (r0 < 0 || r0 + m > rows || columnMajor.Length < rows * p) throw new ArgumentException($"row block [{r0}, {r0 + m}) or matrix size is out of range for {rows} rows and {p} columns.");
        // the fused kernel's block product (LogisticKernels.Fused.cs) with the column stride of the whole matrix
        BlockProduct(ref Unsafe.Add(ref MemoryMarshal.GetReference(columnMajor), r0), rows, m, w, offset, dest);
    }

    /// <summary>
    /// <c>dest[j] += sum_{i &lt; r.Length} X[r0 + i, j] r[i]</c> for every column j: a row block of <c>X^T r</c>, accumulated.
    /// </summary>
    public static void TransposeMultiplyBlockAdd(ReadOnlySpan<double> columnMajor, int rows, int r0, ReadOnlySpan<double> r, Span<double> dest)
    {
        int m = r.Length, p = dest.Length;
        if (r0 < 0 || r0 + m > rows || columnMajor.Length < rows * p) throw new ArgumentException($"row block [{r0}, {r0 + m}) or matrix size is out of range for {rows} rows and {p} columns.");
        int j = 0;
        for (; j + 4 <= p; j += 4)
        {
            Dot4(r, columnMajor.Slice(j * rows + r0, m), columnMajor.Slice((j + 1) * rows + r0, m),
                columnMajor.Slice((j + 2) * rows + r0, m), columnMajor.Slice((j + 3) * rows + r0, m),
                out double a, out double b, out double c, out double d);
            dest[j] += a; dest[j + 1] += b; dest[j + 2] += c; dest[j + 3] += d;
        }
        for (; j < p; j++) dest[j] += TensorPrimitives.Dot(columnMajor.Slice(j * rows + r0, m), r);
    }

    /// <summary><c>dest[j] = x_j . r</c> for every column j of a column-major <c>X</c> (n rows, dest.Length columns).</summary>
    public static void TransposeMultiply(ReadOnlySpan<double> columnMajor, int rows, ReadOnlySpan<double> r, Span<double> dest)
    {
        CheckSize(rows, nameof(rows));
        if (columnMajor.Length < (long)rows * dest.Length) throw new ArgumentException($"columnMajor has {columnMajor.Length} entries, fewer than rows*dest.Length = {(long)rows * dest.Length}.", nameof(columnMajor));
        CheckIn(r, rows, nameof(r));
        var rr = r[..rows];
        for (int j = 0; j < dest.Length; j++) dest[j] = TensorPrimitives.Dot(columnMajor.Slice(j * rows, rows), rr);
    }

    /// <summary>
    /// The weighted Gram matrix <c>G = X^T diag(h) X</c> (p x p, written column-major into <paramref name="gram"/>, both triangles),
    /// using <paramref name="scratch"/> (length rows) for <c>h x_j</c>.
    /// </summary>
    public static void WeightedGram(ReadOnlySpan<double> columnMajor, int rows, int cols, ReadOnlySpan<double> h, Span<double> scratch, Span<double> gram)
    {
        CheckSize(rows, nameof(rows));
        CheckSize(cols, nameof(cols));
        CheckIn(columnMajor, (long)rows * cols, nameof(columnMajor));
        CheckIn(h, rows, nameof(h));
        CheckDest(gram, cols * cols, nameof(gram));
        CheckDest(scratch, rows, nameof(scratch));
        var t = scratch[..rows];
        for (int j = 0; j < cols; j++)
        {
            var xj = columnMajor.Slice(j * rows, rows);
            TensorPrimitives.Multiply(xj, h[..rows], t);
            int k = 0;
            for (; k + 4 <= j + 1; k += 4)
            {
                Dot4(t, columnMajor.Slice(k * rows, rows), columnMajor.Slice((k + 1) * rows, rows),
                    columnMajor.Slice((k + 2) * rows, rows), columnMajor.Slice((k + 3) * rows, rows),
                    out double g0, out double g1, out double g2, out double g3);
                gram[j * cols + k] = gram[k * cols + j] = g0;
                gram[j * cols + k + 1] = gram[(k + 1) * cols + j] = g1;
                gram[j * cols + k + 2] = gram[(k + 2) * cols + j] = g2;
                gram[j * cols + k + 3] = gram[(k + 3) * cols + j] = g3;
            }
            for (; k <= j; k++)
                gram[j * cols + k] = gram[k * cols + j] = TensorPrimitives.Dot(t, columnMajor.Slice(k * rows, rows));
        }
    }

    /// <summary>Four dot products of <paramref name="t"/> with four columns in one pass (t is read once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Dot4(ReadOnlySpan<double> t, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> d,
        out double da, out double db, out double dc, out double dd)
    {
        int n = t.Length;
        if (a.Length < n) throw new ArgumentException($"a has length {a.Length}, shorter than t ({n}).", nameof(a));
        if (b.Length < n) throw new ArgumentException($"b has length {b.Length}, shorter than t ({n}).", nameof(b));
        if (c.Length < n) throw new ArgumentException($"c has length {c.Length}, shorter than t ({n}).", nameof(c));
        if (d.Length < n) throw new ArgumentException($"d has length {d.Length}, shorter than t ({n}).", nameof(d));
        ref double tr = ref MemoryMarshal.GetReference(t);
        ref double ar = ref MemoryMarshal.GetReference(a);
        ref double br = ref MemoryMarshal.GetReference(b);
        ref double cr = ref MemoryMarshal.GetReference(c);
        ref double dr = ref MemoryMarshal.GetReference(d);
        int i = 0;
        double sa = 0, sb = 0, sc = 0, sd = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            Vector<double> va = default, vb = default, vc = default, vd = default;
            for (; i <= n - w; i += w)
            {
                var tv = Vector.LoadUnsafe(ref tr, (nuint)i);
                va += tv * Vector.LoadUnsafe(ref ar, (nuint)i);
                vb += tv * Vector.LoadUnsafe(ref br, (nuint)i);
                vc += tv * Vector.LoadUnsafe(ref cr, (nuint)i);
                vd += tv * Vector.LoadUnsafe(ref dr, (nuint)i);
            }
            sa = Vector.Sum(va); sb = Vector.Sum(vb); sc = Vector.Sum(vc); sd = Vector.Sum(vd);
        }
        for (; i < n; i++)
        {
            double tv = Unsafe.Add(ref tr, i);
            sa += tv * Unsafe.Add(ref ar, i);
            sb += tv * Unsafe.Add(ref br, i);
            sc += tv * Unsafe.Add(ref cr, i);
            sd += tv * Unsafe.Add(ref dr, i);
        }
        da = sa; db = sb; dc = sc; dd = sd;
    }

    private static void CheckDest(Span<double> dest, int n, string name)
    {
        if (dest.Length < n) throw new ArgumentException($"{name} has length {dest.Length}, shorter than the {n} entries required.", name);
    }

    internal static void CheckIn(ReadOnlySpan<double> input, long n, string name)
    {
        if (input.Length < n) throw new ArgumentException($"{name} has length {input.Length}, shorter than the {n} entries required.", name);
    }

    internal static void CheckSize(int value, string name)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is not allowed: a size must be >= 0.");
    }
}
